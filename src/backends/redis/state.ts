import type { StateBackends } from '../select.js';
import { redisRateLimiters } from '../rate-limiter.js';
import { adapterRedis, connectRedis } from './client.js';
import { RedisEventStream } from './event-stream.js';
import { adapterStream, nodeStream } from './stream-names.js';
import { RedisDeadlines } from './deadlines.js';
import { RedisLiveHistory } from './live-history.js';
import { RedisMatchStore } from './match-store.js';
import { RedisPresence } from './presence.js';
import { RedisSaltStore } from './salt-store.js';
import { RedisTokenStore } from './token-store.js';

/**
 * The state ports on Redis (REDIS_URL): imported only when it is set, with ioredis. `windowMs` is
 * the live-history window (LIVE_HISTORY_TTL_S): no stream entry is kept longer (PRIV1).
 */
export async function redisState(url: string, prefix: string, windowMs: number): Promise<StateBackends> {
  const client = await connectRedis(url, 'peerline');
  const events = new RedisEventStream(client, nodeStream(prefix), windowMs, [adapterStream(prefix)]);
  const history = new RedisLiveHistory(client, prefix, { stream: events.key, node: events.node, windowMs });
  return {
    redis: { client, forAdapter: () => adapterRedis(url), prefix, events },
    tokens: new RedisTokenStore(client, prefix),
    salts: new RedisSaltStore(client, prefix),
    presence: new RedisPresence(client, prefix),
    history,
    limiters: redisRateLimiters(client, prefix),
    matches: new RedisMatchStore(client, prefix),
    deadlines: new RedisDeadlines(client, prefix),
  };
}
