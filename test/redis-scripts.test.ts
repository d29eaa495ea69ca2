import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLiveHistory } from '../src/backends/redis/live-history.js';
import { script } from '../src/backends/redis/scripts.js';
import { dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';

const url = serviceUrl('REDIS_URL');

// The scripts behind every Redis state port (MQ9, CH1–CH3) are sent by hash; these hold the
// helper to what a fresh or restarted Redis, which knows no script yet, needs.
describe.skipIf(!url)('Redis scripts (real Redis)', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(url!);
  });
  afterAll(() => redis.quit());

  it('[MQ9] a script Redis does not know yet runs on its first call and is known by its hash after it', async () => {
    // A script no one has sent before: its text holds a fresh id.
    const lua = `-- ${randomUUID()}\nreturn {KEYS[1], ARGV[1], ARGV[2]}`;
    const sha = createHash('sha1').update(lua).digest('hex');
    expect(await redis.script('EXISTS', sha)).toEqual([0]);
    const call = script(redis, 1, lua);
    expect(await call('k', 'a', 7)).toEqual(['k', 'a', '7']);
    expect(await redis.script('EXISTS', sha)).toEqual([1]);
    expect(await call('k2', 'b', 'c')).toEqual(['k2', 'b', 'c']);
  });

  it('[MQ9] an error the script raises reaches the caller once, not retried', async () => {
    const key = `t${randomUUID()}:count`;
    const call = script(redis, 1, `-- ${randomUUID()}\nredis.call('INCR', KEYS[1])\nreturn redis.error_reply('BROKEN on purpose')`);
    await expect(call(key)).rejects.toThrow('BROKEN on purpose');
    expect(await redis.get(key)).toBe('1');
    await expect(call(key)).rejects.toThrow('BROKEN on purpose');
    expect(await redis.get(key)).toBe('2');
    await redis.del(key);
  });
});

describe.skipIf(!url)('Redis live history expiry (real Redis)', () => {
  const prefix = testPrefix();
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(url!);
  });
  afterAll(async () => {
    await dropPrefix(url!, prefix);
    await redis.quit();
  });

  it('[CH4] history whose chat end is never heard still expires: its first message sets a safety expiry, later ones keep an end\'s shorter one', async () => {
    const history = new RedisLiveHistory(redis, prefix);
    const draft = (n: number) => ({ id: `m${n}`, sessionId: 's1', clientMsgId: `c${n}`, sender: 'seeker' as const, text: `hello ${n}`, sentAt: new Date().toISOString(), redacted: false });
    const ttls = () => Promise.all([redis.pttl(`${prefix}hist:{s1}:msgs`), redis.pttl(`${prefix}hist:{s1}:ids`)]);
    await history.append(draft(1));
    for (const ttl of await ttls()) expect(ttl).toBeGreaterThan(23 * 3_600_000);
    await history.expire('s1', 600_000);
    await history.append(draft(2));
    for (const ttl of await ttls()) expect(ttl).toBeLessThanOrEqual(600_000);
    expect((await history.after('s1', 0)).map((m) => m.seq)).toEqual([1, 2]);
  });
});
