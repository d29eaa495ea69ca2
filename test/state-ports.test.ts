import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { MemoryDeadlines } from '../src/backends/memory/deadlines.js';
import { MemoryLiveHistory } from '../src/backends/memory/live-history.js';
import { MemoryMatchStore } from '../src/backends/memory/match-store.js';
import { MemoryPresence } from '../src/backends/memory/presence.js';
import { MemorySaltStore } from '../src/backends/memory/salt-store.js';
import { MemoryTokenStore } from '../src/backends/memory/token-store.js';
import { memoryRateLimiters, redisRateLimiters } from '../src/backends/rate-limiter.js';
import { connectRedis } from '../src/backends/redis/client.js';
import { RedisDeadlines } from '../src/backends/redis/deadlines.js';
import { RedisLiveHistory } from '../src/backends/redis/live-history.js';
import { RedisMatchStore } from '../src/backends/redis/match-store.js';
import { RedisPresence } from '../src/backends/redis/presence.js';
import { RedisSaltStore } from '../src/backends/redis/salt-store.js';
import { RedisTokenStore } from '../src/backends/redis/token-store.js';
import { deadlinesContract } from '../src/testing/contracts/deadlines.contract.js';
import { liveHistoryContract } from '../src/testing/contracts/live-history.contract.js';
import { liveWritesContract } from '../src/testing/contracts/live-writes.contract.js';
import { matchStoreContract } from '../src/testing/contracts/match-store.contract.js';
import { presenceContract } from '../src/testing/contracts/presence.contract.js';
import { rateLimiterContract } from '../src/testing/contracts/rate-limiter.contract.js';
import { saltStoreContract } from '../src/testing/contracts/salt-store.contract.js';
import { tokenStoreContract } from '../src/testing/contracts/token-store.contract.js';
import { dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';

describe('memory backend', () => {
  // One instance stands for "the backend": callers on one node share it.
  const limiters = memoryRateLimiters();
  const salts = new MemorySaltStore();
  const matches = new MemoryMatchStore();
  const deadlines = new MemoryDeadlines();
  tokenStoreContract(() => new MemoryTokenStore());
  saltStoreContract(() => salts);
  presenceContract(() => new MemoryPresence());
  liveHistoryContract(() => new MemoryLiveHistory());
  rateLimiterContract(() => limiters);
  matchStoreContract(() => matches);
  liveWritesContract(() => {
    const history = new MemoryLiveHistory((id, writer) => matches.isLive(id, writer));
    return { matches, history, otherNode: history };
  });
  deadlinesContract(() => deadlines);
});

const redisUrl = serviceUrl('REDIS_URL');

describe.skipIf(!redisUrl)('redis backend', () => {
  const prefix = testPrefix();
  let nodes: Redis[] = [];
  let calls = 0;
  // Alternate between two connections, as two nodes would use the same Redis.
  const node = (): Redis => nodes[calls++ % nodes.length]!;
  beforeAll(async () => {
    nodes = await Promise.all([connectRedis(redisUrl!, 'test-a'), connectRedis(redisUrl!, 'test-b')]);
  });
  afterAll(async () => {
    await dropPrefix(redisUrl!, prefix);
    await Promise.all(nodes.map((c) => c.quit()));
  });

  tokenStoreContract(() => new RedisTokenStore(node(), prefix));
  saltStoreContract(() => new RedisSaltStore(node(), prefix));
  presenceContract(() => new RedisPresence(node(), prefix));
  liveHistoryContract(() => new RedisLiveHistory(node(), prefix));
  rateLimiterContract(() => redisRateLimiters(node(), prefix));
  matchStoreContract(() => new RedisMatchStore(node(), prefix));
  liveWritesContract(() => ({ matches: new RedisMatchStore(node(), prefix), history: new RedisLiveHistory(node(), prefix), otherNode: new RedisLiveHistory(node(), prefix) }));
  deadlinesContract(() => new RedisDeadlines(node(), prefix));
});
