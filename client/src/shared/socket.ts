import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../src/protocol/events.js';

export type PeerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket to this origin: websocket first, long-polling only when a network blocks websockets. */
export function connect(auth?: { token: string }, autoConnect = true): PeerSocket {
  return io({ transports: ['websocket', 'polling'], auth: auth ?? {}, reconnectionDelayMax: 8_000, timeout: 10_000, autoConnect });
}

/** A socket for a component: created unconnected, so listeners added in an effect miss no event; call `.connect()` after. */
export const lazySocket = () => connect(undefined, false);

type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends ((r: Ack<infer T>) => void) | undefined ? T : never;

/** Emit an event and wait for its acknowledgement; no answer in time reads as UNAVAILABLE. */
export function call<E extends keyof ClientToServerEvents>(
  socket: PeerSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 8_000,
): Promise<Ack<AckData<E>>> {
  type Reply = Ack<AckData<E>>;
  const timed = socket.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: Error | null, r: Reply) => void): void };
  return new Promise((resolve) => {
    timed.emit(event, payload, (err, response) => {
      if (err) resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'No answer from the server. Your connection may have dropped.' } });
      else resolve(response);
    });
  });
}
