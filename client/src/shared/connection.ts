import type { ErrorCode } from '../../../src/protocol/errors.js';
import type { PeerSocket } from './socket.js';

/** What a connection banner shows. */
export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'online' }
  /** Connected as far as Socket.IO knows, but the heartbeat went unanswered: as good as lost (UX3). */
  | { status: 'stalled' }
  | { status: 'reconnecting'; attempt: number }
  /** Not retried by Socket.IO. `retrying`: the page tries again itself (too many tabs, a brief outage). */
  | { status: 'refused'; reason: string; code?: ErrorCode; retrying?: boolean };

export type ConnectionEvent =
  /** A new socket: nothing known about it yet. */
  | { type: 'connecting' }
  | { type: 'connect' }
  | { type: 'disconnect'; willRetry: boolean }
  | { type: 'attempt'; attempt: number }
  | { type: 'error'; message: string; willRetry: boolean; code?: ErrorCode; retrying?: boolean }
  | { type: 'stalled' }
  | { type: 'alive' };

/** Pure: the next connection state after a socket event. */
export function connectionReducer(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connecting':
      return { status: 'connecting' };
    case 'connect':
      return { status: 'online' };
    case 'disconnect':
      return event.willRetry ? { status: 'reconnecting', attempt: 1 } : { status: 'refused', reason: 'Disconnected.' };
    case 'attempt':
      return state.status === 'refused' ? state : { status: 'reconnecting', attempt: event.attempt };
    case 'error':
      if (event.willRetry) return { status: 'reconnecting', attempt: state.status === 'reconnecting' ? state.attempt : 1 };
      return { status: 'refused', reason: event.message, ...(event.code ? { code: event.code } : {}), ...(event.retrying ? { retrying: true } : {}) };
    case 'stalled':
      return state.status === 'online' ? { status: 'stalled' } : state;
    case 'alive':
      return state.status === 'stalled' ? { status: 'online' } : state;
  }
}

const CODES: readonly string[] = ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL'];

/**
 * A refused handshake's code and words: the server sends `data: {code, message}` (too many tabs) or
 * only the code as the error's message (UNAUTHENTICATED); a transport error has neither.
 */
export function refusalOf(err: Error & { data?: unknown }): { code?: ErrorCode; message: string } {
  const data = typeof err.data === 'object' && err.data !== null ? (err.data as { code?: unknown; message?: unknown }) : {};
  const code = typeof data.code === 'string' && CODES.includes(data.code) ? data.code : CODES.includes(err.message) ? err.message : undefined;
  const message = typeof data.message === 'string' ? data.message : err.message;
  return code ? { code: code as ErrorCode, message } : { message };
}

/** Refusals that pass by themselves: the page tries again after a while instead of giving up. */
export const passes = (code: ErrorCode | undefined): boolean => code === 'RATE_LIMITED' || code === 'UNAVAILABLE';

/** Feed a socket's lifecycle into `onEvent`; returns a function that stops listening. */
export function watchConnection(socket: PeerSocket, onEvent: (e: ConnectionEvent) => void): () => void {
  const onConnect = () => onEvent({ type: 'connect' });
  // 'io server disconnect' (kicked: logout, ban) is not retried by Socket.IO; everything else is.
  const onDisconnect = (reason: string) => onEvent({ type: 'disconnect', willRetry: reason !== 'io server disconnect' && reason !== 'io client disconnect' });
  const onAttempt = (attempt: number) => onEvent({ type: 'attempt', attempt });
  // A refused handshake (bad token, too many tabs) is not retried by Socket.IO; a transport error is.
  const onError = (err: Error & { data?: unknown }) => {
    const { code, message } = refusalOf(err);
    onEvent({ type: 'error', message, willRetry: socket.active, ...(code ? { code } : {}), retrying: !socket.active && passes(code) });
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onError);
  socket.io.on('reconnect_attempt', onAttempt);
  // It may have connected before anyone listened.
  if (socket.connected) onConnect();
  return () => {
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onError);
    socket.io.off('reconnect_attempt', onAttempt);
  };
}

/** What the page keeps while the connection is lost, said after "reconnecting…". */
export const KEPT_MESSAGES = 'Your messages will be sent when you’re back.';

/** Banner text for a connection state, or null when all is well. */
export function connectionText(state: ConnectionState, kept: string = KEPT_MESSAGES): string | null {
  switch (state.status) {
    case 'online':
      return null;
    case 'connecting':
      return 'Connecting…';
    case 'stalled':
    case 'reconnecting':
      return `Connection lost — reconnecting… ${kept}`;
    case 'refused':
      return state.retrying ? `${state.reason} We will try again in a moment.` : `Could not connect: ${state.reason}`;
  }
}
