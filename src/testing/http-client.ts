import { STAFF_COOKIE } from '../protocol/http.js';

/** JSON over fetch against a running server. */
export async function request<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; body: T; cookie?: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_COOKIE}=`));
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, ...(setCookie ? { cookie: setCookie.split(';')[0]! } : {}) };
}

/** Sign in over HTTP; returns the cookie header value. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await request(base, 'POST', '/api/v1/auth/login', { username, password });
  if (res.status !== 200 || !res.cookie) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.cookie;
}

/** Invite a staff member (a specialist by default) as admin, accept the invite and sign in; returns id and cookie. */
export async function inviteSpecialist(base: string, adminCookie: string, username: string, topics: string[] = [], role = 'specialist') {
  const created = await request<{ staff: { id: string }; inviteToken: string }>(base, 'POST', '/api/v1/staff', { username, displayName: username, role, topics }, adminCookie);
  if (created.status !== 201) throw new Error(`invite failed: ${JSON.stringify(created.body)}`);
  const password = 'specialist password 1';
  const accepted = await request(base, 'POST', '/api/v1/invites/accept', { inviteToken: created.body.inviteToken, password });
  if (accepted.status !== 200) throw new Error(`accepting the invite failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { id: created.body.staff.id, cookie: await login(base, username, password) };
}
