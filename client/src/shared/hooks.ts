import { useEffect, useReducer } from 'preact/hooks';
import { connectionReducer, watchConnection, type ConnectionState } from './connection.js';
import type { PeerSocket } from './socket.js';

/** The socket's connection state, kept current. */
export function useConnection(socket: PeerSocket | null): ConnectionState {
  const [state, dispatch] = useReducer(connectionReducer, { status: 'connecting' } as ConnectionState);
  useEffect(() => (socket ? watchConnection(socket, dispatch) : undefined), [socket]);
  return state;
}
