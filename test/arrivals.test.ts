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
  const prefixes: string[] = [];
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
    await Promise.all(prefixes.map((p) => dropPrefix(url!, p)));
    await redis.quit();
  });
  /** A store on keys of its own, so no test finds another's queue. */
  const store = (client = redis) => {
    prefixes.push(testPrefix());
    return { store: new RedisMatchStore(client, prefixes.at(-1)!), prefix: prefixes.at(-1)! };
  };
  // EVALSHA only: a call Redis does not know the script for is sent again as EVAL.
  const calls = () => sent.splice(0).filter((name) => name === 'evalsha').length;

  it(`[MQ5] [MQ9] the arrivals of one turn go as one script call, ${ARRIVALS_PER_CALL} at most in each`, async () => {
    const { store: s } = store();
    await shift(s, 3);
    calls();
    const burst = Array.from({ length: ARRIVALS_PER_CALL + 7 }, () => newSession());
    const outcomes = await Promise.all(burst.map((b) => s.requestAndMatch(b, tick(), 0)));
    expect(calls()).toBe(2);
    expect(outcomes.map((o) => o.session.status).slice(0, 4)).toEqual(['active', 'active', 'active', 'waiting']);
    expect(outcomes.every((o, i) => o.created && o.session.id === burst[i]!.id)).toBe(true);
    // The waiting ones in the order they came (MQ2): places 1, 2, 3...
    expect(outcomes.slice(3).map((o) => o.position)).toEqual(burst.slice(3).map((_, i) => i + 1));
    // Arrivals in different turns are not held for one another.
    await s.requestAndMatch(newSession(), tick(), 0);
    await s.requestAndMatch(newSession(), tick(), 0);
    expect(calls()).toBe(2);
  });

  it('[MQ6] an arrival that fails in the script fails alone; the others in its call are answered, the matches told once', async () => {
    const { store: s, prefix } = store();
    const spec = await shift(s, 1);
    const [broken, a, b] = [newSession(), newSession(), newSession()];
    // The broken seeker's open session is not JSON: reading it raises an error inside the script.
    await redis.set(`${prefix}open:${broken.seekerId}`, 'corrupt');
    await redis.set(`${prefix}sess:corrupt`, '{not json');
    const results = await Promise.allSettled([broken, a, b].map((x) => s.requestAndMatch(x, tick(), 0)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/chat:request failed in Redis/);
    const [first, second] = results.slice(1).map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof s.requestAndMatch>>>).value);
    expect(first).toMatchObject({ session: { id: a.id, status: 'active', specialistId: spec.staffId }, position: null });
    expect(first!.matched.map((m) => m.id)).toEqual([a.id]);
    expect(first!.specialists).toEqual([expect.objectContaining({ staffId: spec.staffId, active: 1 })]);
    expect(second).toMatchObject({ session: { id: b.id, status: 'waiting' }, position: 1, matched: [], specialists: [] });
  });

  it('[REL2] a call that fails fails every arrival in it, and queues none of them', async () => {
    const offline = new Redis(url!, { lazyConnect: true, enableOfflineQueue: false });
    offline.on('error', () => {});
    const { store: s, prefix } = store(offline);
    const results = await Promise.allSettled([newSession(), newSession(), newSession()].map((x) => s.requestAndMatch(x, tick(), 0)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await redis.zcard(`${prefix}queue`)).toBe(0);
    offline.disconnect();
  });
});
