import type { ErrorCode } from '../../../src/protocol/errors.js';
import { ApiError } from './api.js';

/** Plain words for an error code, shown to the person; the server's message adds the detail. */
export function explain(code: ErrorCode, message?: string): string {
  switch (code) {
    case 'RATE_LIMITED':
      return 'That was a lot at once. Please wait a moment and try again.';
    case 'UNAVAILABLE':
      return 'Peerline is unavailable right now. We keep trying; please try again in a moment.';
    case 'UNAUTHENTICATED':
      return message ?? 'Please sign in again.';
    case 'FORBIDDEN':
      // The server says why in plain words (a refused seeker reads where to find help now).
      return message ?? 'You are not allowed to do that.';
    case 'NOT_FOUND':
      return 'That chat is no longer available.';
    case 'VALIDATION':
      return message ? `Please check: ${message}` : 'Please check what you entered.';
    case 'CONFLICT':
      return message ?? 'That has already been done.';
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}

/** Plain words for whatever a request threw: its API error, or `fallback` when it was something else. */
export const explainError = (err: unknown, fallback: ErrorCode = 'INTERNAL'): string =>
  err instanceof ApiError ? explain(err.code, err.message) : explain(fallback);
