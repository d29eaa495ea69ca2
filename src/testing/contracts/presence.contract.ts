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
  });
}
