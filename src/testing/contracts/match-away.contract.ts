import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MatchStore } from '../../core/ports/match-store.js';
import { newSession, shift, tick } from './match-fixtures.js';

const ids = (sessions: { id: string }[]) => sessions.map((s) => s.id);

/** Seekers with no live connection (MQ10) and the count behind every ETA (MQ7): part of the MatchStore contract. */
export function matchAwayContract(make: () => MatchStore): void {
  describe('away seekers', () => {
    it('[MQ10] a seeker marked away keeps their place but is not matched: the seat goes to a seeker behind who is there', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const [away, here, later] = [newSession({ topic }), newSession({ topic }), newSession({ topic })];
      for (const s of [away, here, later]) await store.request(s);
      expect(await store.setAway(away.id, true)).toMatchObject({ id: away.id, status: 'waiting', away: true });
      const spec = await shift(store, 1, [topic]);
      expect(ids(await store.match(tick()))).toEqual([here.id]);
      expect(await store.get(away.id)).toMatchObject({ status: 'waiting', away: true });
      const [pAway, pLater] = await store.positions([away.id, later.id]);
      expect(pAway).not.toBeNull();
      expect(pAway!).toBeLessThan(pLater!);
      await store.endShift(spec.staffId);
      for (const s of [away, here, later]) await store.end(s.id, 'system', 'test over', tick());
    });

    it('[MQ10] [MQ5] back again, the seeker is matched in their old place, before those who came later', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const [away, here, later] = [newSession({ topic }), newSession({ topic }), newSession({ topic })];
      for (const s of [away, here, later]) await store.request(s);
      await store.setAway(away.id, true);
      const spec = await shift(store, 1, [topic]);
      await store.match(tick());
      const back = await store.setAway(away.id, false);
      expect(back).toMatchObject({ id: away.id, status: 'waiting' });
      expect(back?.away).toBeFalsy();
      // The seat frees: it goes to the seeker who is back, not to the one who came after them.
      const { matched } = await store.endAndMatch(here.id, 'seeker', 'done', tick());
      expect(ids(matched)).toEqual([away.id]);
      await store.endShift(spec.staffId);
      for (const s of [away, later]) await store.end(s.id, 'system', 'test over', tick());
    });

    it('[MQ10] [MQ9] an arrival or an end matches past an away seeker in the same step, and a re-queue keeps the mark', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(store, 1, [topic]);
      const live = newSession({ topic });
      await store.requestAndMatch(live, tick(), 0);
      // Gone during a live chat, then re-queued (their specialist lost): still away, so not matched.
      await store.setAway(live.id, true);
      expect(await store.requeue(live.id, 'specialist_disconnected', tick(), spec.staffId)).toMatchObject({ status: 'waiting', away: true });
      const arrival = newSession({ topic });
      const arrived = await store.requestAndMatch(arrival, tick(), 0);
      expect(ids(arrived.matched)).toEqual([arrival.id]);
      const next = newSession({ topic });
      await store.request(next);
      const { matched } = await store.endAndMatch(arrival.id, 'seeker', 'done', tick());
      expect(ids(matched)).toEqual([next.id]);
      expect(await store.get(live.id)).toMatchObject({ status: 'waiting', away: true });
      await store.endShift(spec.staffId);
      for (const s of [live, next]) await store.end(s.id, 'system', 'test over', tick());
    });

    it('[MQ10] only an open session takes the mark', async () => {
      const store = make();
      const s = newSession({ topic: `t-${randomUUID().slice(0, 6)}` });
      expect(await store.setAway(s.id, true)).toBeNull();
      await store.request(s);
      await store.end(s.id, 'seeker', 'cancelled', tick());
      expect(await store.setAway(s.id, true)).toBeNull();
      expect((await store.get(s.id))?.away).toBeFalsy();
    });

    it('[MQ7] counts the specialists on shift, whether or not they are free', async () => {
      const store = make();
      const before = await store.onShift();
      const a = await shift(store, 1, [`t-${randomUUID().slice(0, 6)}`]);
      const b = await shift(store, 1, [`t-${randomUUID().slice(0, 6)}`]);
      await store.setConnected(b.staffId, false);
      expect(await store.onShift()).toBe(before + 2);
      await store.endShift(a.staffId);
      expect(await store.onShift()).toBe(before + 1);
      expect((await store.stats()).onShift).toBe(before + 1);
      await store.endShift(b.staffId);
      expect(await store.onShift()).toBe(before);
    });
  });
}
