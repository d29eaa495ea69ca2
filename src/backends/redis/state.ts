import type { StateBackends } from '../select.js';
import { redisRateLimiters } from '../rate-limiter.js';
import { adapterRedis, connectRedis } from './client.js';
import { RedisDeadlines } from './deadlines.js';
import { RedisLiveHistory } from './live-history.js';
import { RedisMatchStore } from './match-store.js';
import { RedisPresence } from './presence.js';
import { RedisSaltStore } from './salt-store.js';
import { RedisTokenStore } from './token-store.js';

/** The state ports on Redis (REDIS_URL): imported only when it is set, with ioredis. */
export async function redisState(url: string, prefix: string): Promise<StateBackends> {
  const client = await connectRedis(url, 'peerline');
  const history = new RedisLiveHistory(client, prefix);
  return {
    redis: { client, forAdapter: () => adapterRedis(url), prefix, publishMessages: (fanout) => history.publishTo(fanout) },
    tokens: new RedisTokenStore(client, prefix),
    salts: new RedisSaltStore(client, prefix),
    presence: new RedisPresence(client, prefix),
    history,
    limiters: redisRateLimiters(client, prefix),
    matches: new RedisMatchStore(client, prefix),
    deadlines: new RedisDeadlines(client, prefix),
  };
}
