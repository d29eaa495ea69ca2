import type { ErrorCode } from '../../../src/protocol/errors.js';
import type { Resource } from '../../../src/protocol/http.js';
import { signInExpired } from './session-expiry.js';

/** An error answered by the API (`{error: {code, message}}`), or UNAVAILABLE when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 0,
    /** Crisis lines sent with a refusal (MOD5). */
    readonly resources?: Resource[],
  ) {
    super(message);
  }
}

/** Calls that sign in or ask who is signed in: their 401 is an answer, not an expired sign-in. */
const SIGNING_IN = new Set(['/auth/login', '/auth/me', '/auth/logout', '/invites/accept', '/setup']);

/** JSON over fetch to /api/v1, same origin, with the staff cookie when there is one. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError('UNAVAILABLE', 'Could not reach Peerline. Check your connection and try again.');
  }
  // A staff call refused for its login: the sign-in expired (signing in itself answers 401 for a wrong password).
  if (res.status === 401 && !SIGNING_IN.has(path)) signInExpired();
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as { error?: { code: ErrorCode; message: string; resources?: Resource[] } } | null;
  if (!res.ok) throw new ApiError(body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `The server answered ${res.status}.`, res.status, body?.error?.resources);
  return body as T;
}
