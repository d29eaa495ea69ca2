/** The line a staff page shows on its sign-in form when the sign-in it had stopped working. */
export const EXPIRED_TEXT = 'Your sign-in has expired. Please sign in again.';

const EVENT = 'peerline:sign-in-expired';

/**
 * Tell the page its staff sign-in is no longer valid: an API call answered 401, or the socket's
 * handshake was refused UNAUTHENTICATED. A page with a staff sign-in (StaffShell) listens and shows
 * its sign-in form; the seeker's page does not listen.
 */
export function signInExpired(): void {
  window.dispatchEvent(new Event(EVENT));
}

/** Call `listener` whenever the sign-in is found expired; returns a function that stops listening. */
export function onSignInExpired(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
