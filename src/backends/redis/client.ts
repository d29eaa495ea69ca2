import { coalesceTurnWrites } from '../../tick-writes.js';
import { Redis } from 'ioredis';

/**
 * Commands leave in one write per tick, like auto-pipelining minus its Pipeline per tick; past the
 * first write of a turn of the event loop, in one write per turn: a burst's requests, read from
 * many client sockets in one poll, share a write (SPEC P4), while a lone message's command leaves
 * at once (P1).
 */
export function coalesceWrites(client: Redis): void {
  client.on('connect', () => coalesceTurnWrites(client.stream));
}

/**
 * A command connection that fails fast while Redis is down (no offline queue), so callers answer
 * UNAVAILABLE instead of hanging (REL2), and reconnects on its own. No auto-pipelining: each message
 * and each matching decision is one script call now, so there is rarely a second command in the
 * same tick to share a write with, and ioredis builds a Pipeline object for every tick, which
 * raises the round trip's tail under load (SPEC P2).
 */
export async function connectRedis(url: string, name: string): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: name,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on('error', () => {
    // Connection errors surface as failed commands and in /readyz; ioredis keeps reconnecting.
  });
  coalesceWrites(client);
  await client.connect();
  return client;
}

/**
 * A connection for the Socket.IO streams adapter, which blocks on XREAD and so needs its own,
 * with an offline queue so its reads resume after an outage.
 */
export function adapterRedis(url: string): Redis {
  const client = new Redis(url, { connectionName: 'peerline-adapter', retryStrategy: (attempt) => Math.min(attempt * 200, 2000) });
  client.on('error', () => {});
  coalesceWrites(client);
  // The adapter reads on a duplicate: its next XREAD then leaves after the tick's client frames
  // (which flush ahead of it), not before them.
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override) => {
    const copy = duplicate(override);
    coalesceWrites(copy);
    return copy;
  };
  return client;
}
