import { isAppError } from '../core/errors.js';
import { ERROR_STATUS, type ErrorCode } from '../protocol/errors.js';

export interface WireError {
  status: number;
  code: ErrorCode;
  message: string;
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
  retryAfterMs?: number;
}

const PUBLIC_MESSAGE: Partial<Record<ErrorCode, string>> = {
  INTERNAL: 'Something went wrong on our side. Please try again.',
  UNAVAILABLE: 'The service is briefly unavailable. Please try again in a moment.',
};

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const DOWN_MESSAGES = /Connection is closed|Stream isn't writeable|enableOfflineQueue|Connection terminated|PGlite is closed|timeout exceeded when trying to connect|Reached the max retries per request|Client has encountered a connection error/i;

/** Whether an error means Redis or the database is out of reach (REL2, REL3), not a bug. */
export function isBackendDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === 'string' && DOWN_CODES.has(code)) || err.name === 'MaxRetriesPerRequestError' || DOWN_MESSAGES.test(err.message);
}

/** How any failure leaves the process, over HTTP or in a socket ack. 5xx never carry internals. */
export function toWireError(err: unknown): WireError {
  if (isAppError(err)) {
    const retry = err.details?.retryAfterMs;
    return {
      status: ERROR_STATUS[err.code],
      code: err.code,
      message: PUBLIC_MESSAGE[err.code] ?? err.message,
      unexpected: err.code === 'INTERNAL',
      ...(typeof retry === 'number' ? { retryAfterMs: retry } : {}),
    };
  }
  if (isBackendDown(err)) return { status: 503, code: 'UNAVAILABLE', message: PUBLIC_MESSAGE.UNAVAILABLE!, unexpected: false };
  return { status: 500, code: 'INTERNAL', message: PUBLIC_MESSAGE.INTERNAL!, unexpected: true };
}
