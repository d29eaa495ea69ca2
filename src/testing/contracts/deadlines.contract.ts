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
      const claims = await Promise.all([a.claimDue(2_000, 100), b.claimDue(2_000, 100), a.claimDue(2_000, 100)]);
      const claimed = claims.flat();
      expect(claimed.filter((k) => due.includes(k)).sort()).toEqual([...due].sort());
      expect(claimed).not.toContain(later);
      expect(await b.claimDue(2_000, 100)).not.toContain(later);
      expect(await b.claimDue(6_000, 100)).toContain(later);
    });

    it('[CH7] setIfAbsent never moves a pending deadline', async () => {
      const d = make();
      const key = `once:${randomUUID()}`;
      expect(await d.setIfAbsent(key, 100)).toBe(true);
      expect(await d.setIfAbsent(key, 50_000)).toBe(false);
      expect(await d.claimDue(200, 100)).toContain(key);
    });

    it('[CH8] a cleared deadline never fires; a moved one fires at its new time', async () => {
      const d = make();
      const cleared = `c:${randomUUID()}`;
      const moved = `m:${randomUUID()}`;
      await d.set(cleared, 10);
      await d.set(moved, 10);
      expect(await d.clear(cleared)).toBe(true);
      expect(await d.clear(cleared)).toBe(false);
      await d.set(moved, 9_000);
      const early = await d.claimDue(100, 100);
      expect(early).not.toContain(cleared);
      expect(early).not.toContain(moved);
      expect(await d.claimDue(9_000, 100)).toContain(moved);
    });
  });
}
