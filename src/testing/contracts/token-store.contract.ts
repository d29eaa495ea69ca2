import { describe, expect, it, vi } from 'vitest';
import type { TokenStore } from '../../core/ports/token-store.js';

/** The behaviour every TokenStore must have. */
export function tokenStoreContract(make: () => TokenStore): void {
  describe('TokenStore', () => {
    it('[PRIV3] stores a record under a hash and reads it back', async () => {
      const store = make();
      await store.put('seeker', 'h1', { seekerId: 's1', alias: 'Quiet Heron' }, 60_000);
      expect(await store.get('seeker', 'h1')).toEqual({ seekerId: 's1', alias: 'Quiet Heron' });
      expect(await store.get('seeker', 'unknown')).toBeNull();
    });

    it('keeps each kind in its own key space', async () => {
      const store = make();
      await store.put('seeker', 'same', { v: 1 }, 60_000);
      await store.put('staff-session', 'same', { v: 2 }, 60_000);
      expect(await store.get('seeker', 'same')).toEqual({ v: 1 });
      expect(await store.get('staff-session', 'same')).toEqual({ v: 2 });
      expect(await store.get('setup', 'same')).toBeNull();
    });

    it('forgets a record once its TTL passes', async () => {
      const store = make();
      await store.put('seeker', 'short', { v: 1 }, 30);
      await store.put('seeker', 'long', { v: 2 }, 60_000);
      await vi.waitFor(async () => expect(await store.get('seeker', 'short')).toBeNull(), { timeout: 2_000, interval: 10 });
      expect(await store.get('seeker', 'long')).toEqual({ v: 2 });
    });

    it('deletes, reporting whether the record existed', async () => {
      const store = make();
      await store.put('staff-session', 'd', { staffId: 'x' }, 60_000);
      expect(await store.delete('staff-session', 'd')).toBe(true);
      expect(await store.delete('staff-session', 'd')).toBe(false);
      expect(await store.get('staff-session', 'd')).toBeNull();
    });

    it('take() hands a one-time record to exactly one of many concurrent callers', async () => {
      const store = make();
      await store.put('setup', 'once', { ok: true }, 60_000);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.take('setup', 'once')));
      expect(results.filter((r) => r !== null)).toEqual([{ ok: true }]);
    });
  });
}
