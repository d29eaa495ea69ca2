import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../core/errors.js';
import type { RateDecision, RateLimiter, RateLimiterFactory } from '../core/ports/rate-limiter.js';

/** Adapts a rate-limiter-flexible limiter to the RateLimiter port; a store failure is UNAVAILABLE. */
class FlexibleRateLimiter implements RateLimiter {
  constructor(
    private readonly inner: RateLimiterAbstract,
    private readonly points: number,
  ) {}

  async consume(key: string): Promise<RateDecision> {
    try {
      await this.inner.consume(key, 1);
      return { allowed: true, retryAfterMs: 0 };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { allowed: false, retryAfterMs: err.msBeforeNext };
      throw unavailable(err);
    }
  }

  async check(key: string): Promise<RateDecision> {
    try {
      const res = await this.inner.get(key);
      if (!res || res.consumedPoints < this.points) return { allowed: true, retryAfterMs: 0 };
      return { allowed: false, retryAfterMs: res.msBeforeNext };
    } catch (err) {
      throw unavailable(err);
    }
  }

  async refund(key: string): Promise<void> {
    try {
      await this.inner.reward(key, 1);
    } catch (err) {
      throw unavailable(err);
    }
  }

  async reset(key: string): Promise<void> {
    try {
      await this.inner.delete(key);
    } catch (err) {
      throw unavailable(err);
    }
  }
}

const unavailable = (cause: unknown) => new AppError('UNAVAILABLE', 'The service is briefly unavailable', { cause });

/**
 * In-process limiters; asking twice for the same name gives the same budget, as Redis does. Every
 * refusal is already answered in memory, so `blockWhenOver` changes nothing here.
 */
export const memoryRateLimiters = (): RateLimiterFactory => {
  const byName = new Map<string, RateLimiter>();
  return (name, points, windowS) => {
    const key = `${name}:${points}:${windowS}`;
    let limiter = byName.get(key);
    if (!limiter) byName.set(key, (limiter = new FlexibleRateLimiter(new RateLimiterMemory({ keyPrefix: name, points, duration: windowS }), points)));
    return limiter;
  };
};

/**
 * Limiters in Redis, shared by every node. `blockWhenOver` is rate-limiter-flexible's in-memory
 * block, set one point past the budget: the first refusal of a window asks Redis, the rest do not.
 */
export const redisRateLimiters = (client: Redis, prefix: string): RateLimiterFactory => (name, points, windowS, options) =>
  new FlexibleRateLimiter(
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${prefix}rl:${name}`,
      points,
      duration: windowS,
      rejectIfRedisNotReady: true,
      inMemoryBlockOnConsumed: options?.blockWhenOver ? points + 1 : 0,
    }),
    points,
  );
