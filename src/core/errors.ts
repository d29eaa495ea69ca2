import type { ErrorCode } from '../protocol/errors.js';

/**
 * A failure the caller should see, with a contract error code (SPEC §4) and an optional cause.
 * Transports turn it into an HTTP error body or a socket ack; INTERNAL and UNAVAILABLE messages
 * are replaced with generic text before they leave the process.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }
  readonly details: Record<string, unknown> | undefined;
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const forbidden = (message = 'You are not allowed to do that') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Please sign in') => new AppError('UNAUTHENTICATED', message);
