import { describe, expect, it } from 'vitest';
import type { RateLimiterFactory } from '../../core/ports/rate-limiter.js';
import { randomSuffix } from '../real-services.js';

/** The behaviour every RateLimiterFactory's limiters must have. */
export function rateLimiterContract(make: () => RateLimiterFactory): void {
  describe('RateLimiter', () => {
    it('[SEC2] allows `points` hits per window per key, then refuses with a retry time', async () => {
      const limiter = make()(`test-${randomSuffix()}`, 3, 60);
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('addr-1'));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
      expect(decisions[3]!.retryAfterMs).toBeGreaterThan(0);
      expect((await limiter.consume('addr-2')).allowed).toBe(true);
    });

    it('refund() gives a spent point back', async () => {
      const limiter = make()(`test-${randomSuffix()}`, 1, 60);
      expect((await limiter.consume('r')).allowed).toBe(true);
      await limiter.refund('r');
      expect((await limiter.consume('r')).allowed).toBe(true);
      expect((await limiter.consume('r')).allowed).toBe(false);
    });

    it('check() does not spend points; reset() forgets them', async () => {
      const limiter = make()(`test-${randomSuffix()}`, 1, 60);
      expect((await limiter.check('k')).allowed).toBe(true);
      expect((await limiter.consume('k')).allowed).toBe(true);
      expect((await limiter.check('k')).allowed).toBe(false);
      await limiter.reset('k');
      expect((await limiter.check('k')).allowed).toBe(true);
    });

    it('[SEC2] counts across instances on the same backend (nodes share the budget)', async () => {
      const name = `test-${randomSuffix()}`;
      const nodeA = make()(name, 2, 60);
      const nodeB = make()(name, 2, 60);
      expect((await nodeA.consume('k')).allowed).toBe(true);
      expect((await nodeB.consume('k')).allowed).toBe(true);
      expect((await nodeA.consume('k')).allowed).toBe(false);
    });

    it('[SEC2] blockWhenOver: the budget and its sharing are the same; a key over it stays refused for its window', async () => {
      const name = `test-${randomSuffix()}`;
      const nodeA = make()(name, 2, 60, { blockWhenOver: true });
      const nodeB = make()(name, 2, 60, { blockWhenOver: true });
      const decisions = [await nodeA.consume('k'), await nodeB.consume('k'), await nodeA.consume('k'), await nodeA.consume('k'), await nodeB.consume('k')];
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, false, false, false]);
      for (const refused of decisions.slice(2)) {
        expect(refused.retryAfterMs).toBeGreaterThan(0);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
      }
      expect((await nodeA.consume('other')).allowed).toBe(true);
    });
  });
}
