import type { Writable } from 'node:stream';
import { coalesceTickWrites, flushTickWrites } from '../../tick-writes.js';

const scheduled = Symbol('flushScheduled');

/** The parts of engine.io's connection this uses: its websocket transport holds a `ws` socket. */
interface EngineConnection {
  transport: { name: string; socket?: { _socket?: Writable } };
  flush(): void;
  once(event: 'upgrade', listener: () => void): unknown;
  [scheduled]?: boolean;
}

/** The TCP socket under a websocket transport (a polling one has none of its own). */
const tcpOf = (conn: EngineConnection): Writable | undefined => (conn.transport.name === 'websocket' ? conn.transport.socket?._socket : undefined);

function coalesceTransport(this: EngineConnection): void {
  const tcp = tcpOf(this);
  if (tcp) coalesceTickWrites(tcp);
}

let engineFlush: (this: EngineConnection) => void;

/** Connections holding packets, flushed together at the end of the tick (or by flushClientWrites). */
const holding: EngineConnection[] = [];

/** engine.io flushes at every packet; this flushes once, at the end of the tick, whatever it holds. */
function flushAtEndOfTick(this: EngineConnection): void {
  if (this[scheduled]) return;
  this[scheduled] = true;
  if (holding.push(this) === 1) process.nextTick(flushClientWrites);
}

/**
 * Sends now what every connection holds, instead of at the end of the tick: frames that are due
 * before the work that follows in the same tick (see deliverBeforeReading). A no-op when none holds
 * anything; the end of the tick then finds nothing either.
 */
export function flushClientWrites(): void {
  for (const conn of holding.splice(0)) flushNow(conn);
}

function flushNow(conn: EngineConnection): void {
  conn[scheduled] = false;
  engineFlush.call(conn);
  // The frames are written now, ahead of the Redis commands the tick queued.
  const tcp = tcpOf(conn);
  if (tcp) flushTickWrites(tcp);
}

/**
 * A client's packets sent in the same tick leave in one system call (SPEC P1, P4): a message's
 * echo and its acknowledgement, a request's acknowledgement and its match. engine.io writes a
 * packet the moment it is sent and holds the next ones until that write completes, so the packets
 * of a tick are gathered first and handed over together, and the websocket's TCP socket turns
 * their frames into one writev. Reads engine.io's and ws's internals (`flush`,
 * `transport.socket._socket`); test/tick-writes.test.ts notices if they move. A long-polling
 * client's TCP socket is coalesced once it upgrades. The functions are shared by every connection.
 */
export function coalesceClientWrites(conn: unknown): void {
  const c = conn as EngineConnection;
  engineFlush ??= Object.getPrototypeOf(c).flush as (this: EngineConnection) => void;
  c.flush = flushAtEndOfTick;
  if (c.transport.name === 'websocket') coalesceTransport.call(c);
  else c.once('upgrade', coalesceTransport);
}
