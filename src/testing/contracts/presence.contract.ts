import { describe, expect, it, vi } from 'vitest';
import type { Presence } from '../../core/ports/presence.js';

/** The behaviour every Presence must have. */
export function presenceContract(make: () => Presence): void {
  describe('Presence', () => {
    it('counts live connections per identity', async () => {
      const presence = make();
      expect(await presence.add('seeker:a', 'c1', 60_000)).toBe(1);
      expect(await presence.add('seeker:a', 'c2', 60_000)).toBe(2);
      expect(await presence.add('seeker:a', 'c2', 60_000)).toBe(2);
      expect(await presence.count('seeker:b')).toBe(0);
      expect(await presence.remove('seeker:a', 'c1')).toBe(1);
      expect(await presence.remove('seeker:a', 'c2')).toBe(0);
      expect(await presence.count('seeker:a')).toBe(0);
    });

    it('[REL1] stops counting a connection whose node stopped refreshing it', async () => {
      const presence = make();
      await presence.add('staff:x', 'alive', 60_000);
      await presence.add('staff:x', 'from-dead-node', 30);
      await vi.waitFor(async () => expect(await presence.count('staff:x')).toBe(1), { timeout: 2_000, interval: 10 });
    });

    it('[REL1] refresh keeps many connections alive in one step, like add for each', async () => {
      const presence = make();
      await presence.add('seeker:r1', 'c1', 40);
      await presence.add('seeker:r2', 'c2', 40);
      await presence.add('seeker:r3', 'c3', 40); // not refreshed
      await presence.refresh([['seeker:r1', 'c1'], ['seeker:r2', 'c2'], ['seeker:r2', 'c4']], 60_000);
      expect(await presence.count('seeker:r2')).toBe(2);
      // Once the unrefreshed one has expired, the refreshed ones are still counted.
      await vi.waitFor(async () => expect(await presence.count('seeker:r3')).toBe(0), { timeout: 2_000, interval: 10 });
      expect(await presence.count('seeker:r1')).toBe(1);
      expect(await presence.count('seeker:r2')).toBe(2);
      // More than one call's worth, across many identities.
      const many = Array.from({ length: 1_200 }, (_, i) => [`staff:m${i % 7}`, `m${i}`] as const);
      await presence.refresh(many, 60_000);
      expect(await Promise.all(Array.from({ length: 7 }, (_, k) => presence.count(`staff:m${k}`)))).toEqual(Array.from({ length: 7 }, (_, k) => many.filter(([who]) => who === `staff:m${k}`).length));
      await presence.refresh([], 60_000);
    });
  });
}
