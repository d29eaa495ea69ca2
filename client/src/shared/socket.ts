import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../src/protocol/events.js';
import { passes, refusalOf } from './connection.js';
import { retriesItself } from './liveness.js';

export type PeerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket to this origin: websocket first, long-polling only when a network blocks websockets. */
export function connect(auth?: { token: string }, autoConnect = true): PeerSocket {
  return io({ transports: ['websocket', 'polling'], auth: auth ?? {}, reconnectionDelayMax: 8_000, timeout: 10_000, autoConnect });
}

/** A socket for a component: created unconnected, so listeners added in an effect miss no event; call `.connect()` after. */
export const lazySocket = () => connect(undefined, false);

type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends ((r: Ack<infer T>) => void) | undefined ? T : never;

const NO_ANSWER = { ok: false, error: { code: 'UNAVAILABLE', message: 'No answer from the server. Your connection may have dropped.' } } as const;

/** Emit once and wait for the acknowledgement; no answer in time (or a dropped connection) reads as UNAVAILABLE. */
function emitOnce<R>(socket: PeerSocket, event: string, payload: unknown, timeoutMs: number): Promise<R | typeof NO_ANSWER> {
  const timed = socket.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: Error | null, r: R) => void): void };
  return new Promise((resolve) => timed.emit(event, payload, (err, response) => resolve(err ? NO_ANSWER : response)));
}

/**
 * Resolves true once the socket is connected, false if it will not connect again (its login
 * refused, or closed by the page). A refusal that passes (too many tabs) is waited out: the page
 * tries again (liveness.ts).
 */
function connected(socket: PeerSocket): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
      socket.off('disconnect', onDisconnect);
      resolve(ok);
    };
    const onConnect = () => done(true);
    const onError = (err: Error & { data?: unknown }) => !socket.active && !passes(refusalOf(err).code) && done(false);
    const onDisconnect = () => !socket.active && done(false);
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.on('disconnect', onDisconnect);
    // Closed by the page, or its login refused: it will not come back.
    if (!socket.active && !retriesItself(socket)) done(false);
  });
}

/**
 * Emit an event and wait for its acknowledgement; no answer in time reads as UNAVAILABLE.
 *
 * `message:send` is idempotent by its clientMsgId (CH3), so it is different: written while offline,
 * or lost with a dropped connection, it waits for the connection and goes again, the same payload,
 * until the server answers (UX3: sent once, shown once). It gives up only when the socket will not
 * connect again (its login refused, or the page closed it).
 */
export async function call<E extends keyof ClientToServerEvents>(
  socket: PeerSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 8_000,
): Promise<Ack<AckData<E>>> {
  type Reply = Ack<AckData<E>>;
  if (event !== 'message:send') return emitOnce<Reply>(socket, event, payload, timeoutMs);
  for (;;) {
    if (!(await connected(socket))) return NO_ANSWER;
    const reply = await emitOnce<Reply>(socket, event, payload, timeoutMs);
    if (reply !== NO_ANSWER) return reply;
  }
}
