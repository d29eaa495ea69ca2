import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Deadlines } from '../../core/ports/deadlines.js';

/** The behaviour every Deadlines must have. */
export function deadlinesContract(make: () => Deadlines): void {
  describe('Deadlines', () => {
    it('[CH7] hands out only what is due, each key once, even to concurrent claimers', async () => {
      const a = make();
      const b = make();
      const due = Array.from({ length: 20 }, () => `due:${randomUUID()}`);
      const later = `later:${randomUUID()}`;
      for (const key of due) await a.set(key, 1_000);
      await a.set(later, 5_000);
      const claims = await Promise.all([a.claimDue(2_000, 100, 60_000), b.claimDue(2_000, 100, 60_000), a.claimDue(2_000, 100, 60_000)]);
      const claimed = claims.flat();
      expect(claimed.filter((k) => due.includes(k)).sort()).toEqual([...due].sort());
      expect(claimed).not.toContain(later);
      expect(await b.claimDue(2_000, 100, 60_000)).not.toContain(later);
      expect(await b.claimDue(6_000, 100, 60_000)).toContain(later);
    });

    it('[CH7] a claim is a lease: if the claimer dies before completing, the deadline falls due again', async () => {
      const d = make();
      const key = `lease:${randomUUID()}`;
      await d.set(key, 1_000);
      expect(await d.claimDue(1_000, 100, 500)).toContain(key);
      expect(await d.claimDue(1_200, 100, 500)).not.toContain(key); // leased
      expect(await d.claimDue(1_600, 100, 500)).toContain(key); // the lease ran out: claimed again
      await d.complete(key, 2_100);
      expect(await d.claimDue(99_000, 100, 500)).not.toContain(key);
    });

    it('[CH7] complete() keeps a deadline that was set anew after the claim', async () => {
      const d = make();
      const key = `reset:${randomUUID()}`;
      await d.set(key, 1_000);
      await d.claimDue(1_000, 100, 500);
      await d.set(key, 5_000);
      await d.complete(key, 1_500);
      expect(await d.claimDue(5_000, 100, 500)).toContain(key);
    });

    it('[CH7] setIfAbsent never moves a pending deadline', async () => {
      const d = make();
      const key = `once:${randomUUID()}`;
      expect(await d.setIfAbsent(key, 100)).toBe(true);
      expect(await d.setIfAbsent(key, 50_000)).toBe(false);
      expect(await d.claimDue(200, 100, 60_000)).toContain(key);
    });

    it('[CH8] a cleared deadline never fires; a moved one fires at its new time', async () => {
      const d = make();
      const cleared = `c:${randomUUID()}`;
      const moved = `m:${randomUUID()}`;
      await d.set(cleared, 10);
      await d.set(moved, 10);
      expect(await d.clear(cleared)).toBe(true);
      expect(await d.clear(cleared)).toBe(false);
      // Several in one step: true when any was pending, and none of them fires.
      const also = `a:${randomUUID()}`;
      await d.set(also, 10);
      expect(await d.clear(cleared, also)).toBe(true);
      expect(await d.clear(cleared, also)).toBe(false);
      await d.set(moved, 9_000);
      const early = await d.claimDue(100, 100, 60_000);
      expect(early).not.toContain(cleared);
      expect(early).not.toContain(also);
      expect(early).not.toContain(moved);
      expect(await d.claimDue(9_000, 100, 60_000)).toContain(moved);
    });
  });
}
