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

/** Why the database did not take a write: out of reach for now, or it refused this data and always will. */
export type StorageFailure = 'unavailable' | 'refused';

/**
 * A database failure, classified by the backend that knows its driver, so core can act on it
 * without importing one (REL3: a refused row is dropped, an outage is waited out). Its message
 * carries no value of the statement (PRIV1-2); the fields are Postgres's codes and schema names.
 */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly kind: StorageFailure,
    message: string,
    fields: { code?: string; severity?: string; constraint?: string; table?: string; column?: string; dataType?: string; routine?: string } = {},
  ) {
    super(message);
    Object.assign(this, fields);
  }
  /** SQLSTATE, e.g. 23514 for a check violation. */
  declare readonly code?: string;
  declare readonly severity?: string;
  declare readonly constraint?: string;
  declare readonly table?: string;
  declare readonly column?: string;
  declare readonly dataType?: string;
  declare readonly routine?: string;
}

/** Whether the database refused this data itself (retrying it unchanged cannot help). */
export const isRefusal = (err: unknown): err is StorageError => err instanceof StorageError && err.kind === 'refused';
