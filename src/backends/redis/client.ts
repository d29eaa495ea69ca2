import { Redis } from 'ioredis';

/**
 * A command connection that fails fast while Redis is down (no offline queue), so callers answer
 * UNAVAILABLE instead of hanging (REL2), and reconnects on its own.
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
  return client;
}
