import { describe, expect, it } from 'vitest';
import type { SaltStore } from '../../core/ports/salt-store.js';

/** The behaviour every SaltStore must have. `make` may be called twice to get two nodes on one backend. */
export function saltStoreContract(make: () => SaltStore): void {
  describe('SaltStore', () => {
    it('[MOD5] gives one salt per day, the same to every caller on the backend', async () => {
      const a = make();
      const b = make();
      const [first, second] = await Promise.all([a.saltFor(20_000), b.saltFor(20_000)]);
      expect(first).toHaveLength(43);
      expect(second).toBe(first);
      expect(await a.saltFor(20_000)).toBe(first);
    });

    it('[MOD5] rotates: another day gets another salt', async () => {
      const store = make();
      expect(await store.saltFor(20_001)).not.toBe(await store.saltFor(20_002));
    });
  });
}
