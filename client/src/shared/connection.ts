import type { PeerSocket } from './socket.js';

/** What a connection banner shows. */
export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'online' }
  | { status: 'reconnecting'; attempt: number }
  | { status: 'refused'; reason: string };

export type ConnectionEvent =
  | { type: 'connect' }
  | { type: 'disconnect'; willRetry: boolean }
  | { type: 'attempt'; attempt: number }
  | { type: 'error'; message: string; willRetry: boolean };

/** Pure: the next connection state after a socket event. */
export function connectionReducer(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connect':
      return { status: 'online' };
    case 'disconnect':
      return event.willRetry ? { status: 'reconnecting', attempt: 1 } : { status: 'refused', reason: 'Disconnected.' };
    case 'attempt':
      return state.status === 'refused' ? state : { status: 'reconnecting', attempt: event.attempt };
    case 'error':
      return event.willRetry ? { status: 'reconnecting', attempt: state.status === 'reconnecting' ? state.attempt : 1 } : { status: 'refused', reason: event.message };
  }
}

/** Feed a socket's lifecycle into `onEvent`; returns a function that stops listening. */
export function watchConnection(socket: PeerSocket, onEvent: (e: ConnectionEvent) => void): () => void {
  const onConnect = () => onEvent({ type: 'connect' });
  // 'io server disconnect' (kicked: logout, ban) is not retried by Socket.IO; everything else is.
  const onDisconnect = (reason: string) => onEvent({ type: 'disconnect', willRetry: reason !== 'io server disconnect' && reason !== 'io client disconnect' });
  const onAttempt = (attempt: number) => onEvent({ type: 'attempt', attempt });
  // A refused handshake (bad token) is not retried; a transport error is.
  const onError = (err: Error & { data?: { code?: string } }) => onEvent({ type: 'error', message: err.message, willRetry: socket.active });
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

/** Banner text for a connection state, or null when all is well. */
export function connectionText(state: ConnectionState): string | null {
  switch (state.status) {
    case 'online':
      return null;
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return state.attempt > 1 ? `Connection lost. Reconnecting (attempt ${state.attempt})… Your chat is kept.` : 'Connection lost. Reconnecting… Your chat is kept.';
    case 'refused':
      return `Could not connect: ${state.reason}`;
  }
}
