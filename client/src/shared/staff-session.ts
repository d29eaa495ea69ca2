import { useEffect, useState } from 'preact/hooks';
import type { Role, StaffView } from '../../../src/protocol/staff.js';
import { api, ApiError } from './api.js';
import { EXPIRED_TEXT, onSignInExpired } from './session-expiry.js';

/** `staff` as the API answers it (SPEC §4). */
export type StaffMember = StaffView;

export type StaffSession = { state: 'loading' } | { state: 'signed-out'; error?: string; expired?: boolean } | { state: 'signed-in'; staff: StaffMember };

/**
 * Who is signed in (from the httpOnly cookie, via GET /auth/me), with sign-in and sign-out. A
 * sign-in found expired (an API call answered 401, the socket refused) signs out at once, so no
 * stale console stays on screen, and the sign-in form says why.
 */
export function useStaffSession() {
  const [session, setSession] = useState<StaffSession>({ state: 'loading' });
  useEffect(() => {
    api<{ staff: StaffMember }>('/auth/me')
      .then(({ staff }) => setSession({ state: 'signed-in', staff }))
      .catch((err: unknown) =>
        setSession(err instanceof ApiError && err.code !== 'UNAUTHENTICATED' ? { state: 'signed-out', error: err.message } : { state: 'signed-out' }),
      );
  }, []);
  useEffect(() => onSignInExpired(() => setSession((s) => (s.state === 'signed-in' ? { state: 'signed-out', error: EXPIRED_TEXT, expired: true } : s))), []);
  return {
    session,
    signedIn: (staff: StaffMember) => setSession({ state: 'signed-in', staff }),
    signOut: async (reason?: string) => {
      await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
      setSession({ state: 'signed-out', ...(reason ? { error: reason } : {}) });
    },
  };
}

/** Which console a role works in; an invite link points there. */
export const consolePath = (role: Role) => (role === 'specialist' ? '/specialist' : role === 'moderator' ? '/moderator' : '/admin');

/** Admins can do what moderators can (SPEC §1). */
export const canUse = (role: Role, consoleRole: Role) => role === consoleRole || (role === 'admin' && consoleRole === 'moderator');
