import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARRIVALS_PER_CALL } from '../src/backends/redis/arrivals.js';
import { RedisMatchStore } from '../src/backends/redis/match-store.js';
import { newSession, shift, tick } from '../src/testing/contracts/match-fixtures.js';
import { dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';

const url = serviceUrl('REDIS_URL');

// The behaviour of arrivals is the MatchStore contract's (state-ports.test.ts); these hold how the
// Redis store sends them: the requests of one turn of the event loop share a script call (SPEC P4).
describe.skipIf(!url)('Redis arrivals (real Redis)', () => {
  const prefix = testPrefix();
  let redis: Redis;
  const sent: string[] = [];
  beforeAll(() => {
    redis = new Redis(url!);
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (command, stream) => {
      sent.push(command.name);
      return send(command, stream);
    };
  });
  afterAll(async () => {
    await dropPrefix(url!, prefix);
    await redis.quit();
  });
  const calls = () => sent.splice(0).filter((name) => name === 'evalsha' || name === 'eval').length;

  it(`[MQ5] [MQ9] the arrivals of one turn go as one script call, ${ARRIVALS_PER_CALL} at most in each`, async () => {
    const store = new RedisMatchStore(redis, prefix);
    await shift(store, 3);
    calls();
    const burst = Array.from({ length: ARRIVALS_PER_CALL + 7 }, () => newSession());
    const outcomes = await Promise.all(burst.map((s) => store.requestAndMatch(s, tick(), 0)));
    expect(calls()).toBe(2);
    expect(outcomes.filter((o) => o.session.status === 'active')).toHaveLength(3);
    expect(outcomes.every((o, i) => o.created && o.session.id === burst[i]!.id)).toBe(true);
    // Arrivals in different turns are not held for one another.
    await store.requestAndMatch(newSession(), tick(), 0);
    await store.requestAndMatch(newSession(), tick(), 0);
    expect(calls()).toBe(2);
  });

  it('[REL2] a call that fails fails every arrival in it, and queues none of them', async () => {
    const offline = new Redis(url!, { lazyConnect: true, enableOfflineQueue: false });
    const store = new RedisMatchStore(offline, prefix);
    const before = await redis.zcard(`${prefix}queue`);
    const results = await Promise.allSettled([newSession(), newSession(), newSession()].map((s) => store.requestAndMatch(s, tick(), 0)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await redis.zcard(`${prefix}queue`)).toBe(before);
    offline.disconnect();
  });
});
