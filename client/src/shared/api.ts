import type { ErrorCode } from '../../../src/protocol/errors.js';
import type { Resource } from '../../../src/protocol/http.js';

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
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as { error?: { code: ErrorCode; message: string; resources?: Resource[] } } | null;
  if (!res.ok) throw new ApiError(body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `The server answered ${res.status}.`, res.status, body?.error?.resources);
  return body as T;
}
