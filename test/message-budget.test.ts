import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { messageBudgets } from '../src/backends/message-budget.js';
import { memoryRateLimiters, redisRateLimiters } from '../src/backends/rate-limiter.js';
import { connectRedis } from '../src/backends/redis/client.js';
import type { RateLimiterFactory } from '../src/core/ports/rate-limiter.js';
import { dropPrefix, randomSuffix, serviceUrl, testPrefix } from '../src/testing/real-services.js';

const redisUrl = serviceUrl('REDIS_URL');
const prefix = testPrefix();
const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
  if (redisUrl) await dropPrefix(redisUrl, prefix);
});

/** A node's limiter factory: memory (one process), or its own Redis connection. */
const backends: [string, () => Promise<RateLimiterFactory>][] = [['memory', async () => memoryRateLimiters()]];
if (redisUrl) backends.push(['redis', async () => redisRateLimiters(clients[clients.push(await connectRedis(redisUrl, 'budget-test')) - 1]!, prefix)]);

describe.each(backends)("an identity's message budget, %s backend (SEC2)", (_kind, factory) => {
  const budgetsOf = async (points: number) => messageBudgets((await factory())(`messages-${randomSuffix()}`, points, 10, { blockWhenOver: true }));

  it('[SEC2] every budget of one identity spends from one count, with the wait until the window ends; another identity is untouched', async () => {
    const budgets = await budgetsOf(3);
    const [tabA, tabB, other] = [budgets('seeker:a'), budgets('seeker:a'), budgets('seeker:b')];
    expect([(await tabA.spend()).allowed, (await tabB.spend()).allowed, (await tabA.spend()).allowed]).toEqual([true, true, true]);
    const refused = await tabB.spend();
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(10_000);
    expect((await other.spend()).allowed).toBe(true);
  });

  it('[SEC2] gives back the point of a message that was never stored', async () => {
    const budget = (await budgetsOf(1))('staff:s');
    expect((await budget.spend()).allowed).toBe(true);
    budget.refund();
    await expect.poll(async () => (await budget.spend()).allowed).toBe(true);
    expect((await budget.spend()).allowed).toBe(false);
  });
});

describe.skipIf(!redisUrl)('message budgets shared through Redis', () => {
  it('[SEC2] two nodes spend from one budget per identity', async () => {
    const name = `messages-${randomSuffix()}`;
    const [nodeA, nodeB] = await Promise.all([connectRedis(redisUrl!, 'node-a'), connectRedis(redisUrl!, 'node-b')]);
    clients.push(nodeA, nodeB);
    const onA = messageBudgets(redisRateLimiters(nodeA, prefix)(name, 2, 10, { blockWhenOver: true }))('seeker:x');
    const onB = messageBudgets(redisRateLimiters(nodeB, prefix)(name, 2, 10, { blockWhenOver: true }))('seeker:x');
    expect([(await onA.spend()).allowed, (await onB.spend()).allowed, (await onA.spend()).allowed, (await onB.spend()).allowed]).toEqual([true, true, false, false]);
  });

  it('[SEC2] once over its budget, an identity is refused on that node without a Redis call', async () => {
    const client = await connectRedis(redisUrl!, 'blocking-node');
    clients.push(client);
    const limiters = redisRateLimiters(client, prefix);
    const budget = messageBudgets(limiters(`messages-${randomSuffix()}`, 1, 10, { blockWhenOver: true }))('seeker:flood');
    const unblocked = limiters(`messages-${randomSuffix()}`, 1, 10);
    expect((await budget.spend()).allowed).toBe(true);
    expect((await budget.spend()).allowed).toBe(false);
    client.disconnect();
    // Redis is out of reach now: a limiter that asks it fails...
    await expect(unblocked.consume('seeker:flood')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // ...while the flooding identity is still refused, from memory.
    const refused = await budget.spend();
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
  });
});
