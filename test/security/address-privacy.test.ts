import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../src/testing/real-services.js';
import { backendKinds, startTestApp, type TestApp } from '../../src/testing/test-app.js';

const ADDRESS = '203.0.113.77';

describe.runIf(backendKinds().includes('real'))('client addresses on real backends (PRIV2, PRIV3)', () => {
  let t: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    // Tokens that outlive a day: the address link must still expire within one (PRIV3).
    t = await startTestApp('real', { SEEKER_TOKEN_TTL_S: String(3 * 86_400) });
    redis = new Redis(serviceUrl('REDIS_URL')!);
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  /** Every key under the app's prefix, with its value and remaining lifetime. */
  async function redisContents() {
    const keys = await redis.keys(`${t.config.REDIS_KEY_PREFIX}*`);
    return Promise.all(
      keys.map(async (key) => {
        const type = await redis.type(key);
        const value = type === 'string' ? ((await redis.get(key)) ?? '') : JSON.stringify(type === 'hash' ? await redis.hgetall(key) : type);
        return { key, value, ttlMs: await redis.pttl(key) };
      }),
    );
  }

  it('[PRIV2] the key of the address hashes lives in Postgres, never in Redis; Redis holds no address', async () => {
    for (let i = 0; i < 2; i++) expect((await t.app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: ADDRESS })).statusCode).toBe(201);
    const { rows } = await t.app.backends.db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'address-hash'");
    const secret = rows[0]!.value;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const contents = await redisContents();
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.filter((c) => c.value.includes(secret) || c.key.includes(secret))).toEqual([]);
    expect(contents.filter((c) => c.value.includes(ADDRESS) || c.key.includes(ADDRESS))).toEqual([]);
  });

  it('[PRIV3] two tokens from one address share nothing in their records; the address link expires within 24 h', async () => {
    const tokens = await redisContents();
    const seekers = tokens.filter((c) => c.key.includes('tok:seeker:'));
    expect(seekers.length).toBeGreaterThanOrEqual(2);
    for (const s of seekers) expect(Object.keys(JSON.parse(s.value) as object).sort()).toEqual(['alias', 'expiresAt', 'seekerId']);
    const links = tokens.filter((c) => c.value.includes('addressKey'));
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) {
      expect(link.key).toContain('tok:seeker-address:');
      expect(link.ttlMs).toBeGreaterThan(0);
      expect(link.ttlMs).toBeLessThanOrEqual(24 * 3_600_000);
    }
  });
});
