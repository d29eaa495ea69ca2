import { useEffect, useReducer } from 'preact/hooks';
import { connectionReducer, watchConnection, type ConnectionState } from './connection.js';
import { keepAlive } from './liveness.js';
import { signInExpired } from './session-expiry.js';
import type { PeerSocket } from './socket.js';

/**
 * The socket's connection state, kept current, with the heartbeat that shows a lost connection
 * within 5 s (UX3). A staff socket refused for its login tells the page (its sign-in form shows).
 * One call per socket: each call runs its own heartbeat.
 */
export function useConnection(socket: PeerSocket | null): ConnectionState {
  const [state, dispatch] = useReducer(connectionReducer, { status: 'connecting' } as ConnectionState);
  useEffect(() => {
    if (!socket) return undefined;
    // A new socket (a new chat) starts afresh: what the last one ran into is not news about this one.
    dispatch({ type: 'connecting' });
    const stops = [watchConnection(socket, dispatch), keepAlive(socket, dispatch)];
    return () => stops.forEach((stop) => stop());
  }, [socket]);
  const expired = state.status === 'refused' && state.code === 'UNAUTHENTICATED' && !hasToken(socket);
  useEffect(() => void (expired && signInExpired()), [expired]);
  return state;
}

/** A seeker's socket carries its token; a staff socket rides on the login cookie. */
const hasToken = (socket: PeerSocket | null) => !!socket && typeof socket.auth === 'object' && 'token' in socket.auth;
