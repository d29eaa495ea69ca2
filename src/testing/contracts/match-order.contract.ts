import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MatchStore } from '../../core/ports/match-store.js';
import { newSession, shift, tick } from './match-fixtures.js';

/** Who is served first and by whom (MQ2, MQ3, MQ4): part of the MatchStore contract. */
export function matchOrderContract(make: () => MatchStore): void {
  describe('order', () => {
    it('[MQ2] serves re-queued seekers first, then the longest waiting', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const a = newSession({ topic });
      const b = newSession({ topic });
      await store.request(a);
      await store.request(b);
      const spec = await shift(store, 1, [topic]);
      const [first] = await store.match(tick());
      expect(first?.id).toBe(a.id);
      const c = newSession({ topic });
      await store.request(c);
      const requeued = await store.requeue(a.id, 'specialist_disconnected', tick(), spec.staffId);
      expect(requeued).toMatchObject({ status: 'waiting', priority: 1, specialistId: null });
      expect(await store.position(a.id)).toBeLessThan((await store.position(b.id))!);
      expect(await store.position(b.id)).toBeLessThan((await store.position(c.id))!);
      const [next] = await store.match(tick());
      expect(next?.id).toBe(a.id);
      await store.endShift(spec.staffId);
      for (const s of [a, b, c]) await store.end(s.id, 'system', 'test over', tick());
    });

    it('[MQ3] picks the lowest active/capacity, then the longest idle', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const busy = await shift(store, 2, [topic]);
      const idleLongest = await shift(store, 4, [topic]);
      const idleRecent = await shift(store, 4, [topic]);
      await store.request(newSession({ topic }));
      const [m1] = await store.match(tick());
      expect(m1?.specialistId).toBe(busy.staffId); // all at 0 load: the one idle longest (started first)
      await store.request(newSession({ topic }));
      const [m2] = await store.match(tick());
      expect(m2?.specialistId).toBe(idleLongest.staffId); // busy is now at 1/2
      await store.request(newSession({ topic }));
      const [m3] = await store.match(tick());
      expect(m3?.specialistId).toBe(idleRecent.staffId); // 0/4 beats 1/4 and 1/2
      for (const s of [busy, idleLongest, idleRecent]) await store.endShift(s.staffId);
    });

    it('[MQ3] keeps that order within one decision that matches several seekers', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const a = await shift(store, 2, [topic]);
      const b = await shift(store, 3, [topic]);
      const seekers = [newSession({ topic }), newSession({ topic }), newSession({ topic }), newSession({ topic })];
      for (const s of seekers) await store.request(s);
      const matched = await store.match(tick());
      // 0/2 = 0/3, a idle longer → a; 1/2 > 0/3 → b; 1/2 > 1/3 → b; 1/2 < 2/3 → a.
      expect(matched.map((s) => [s.id, s.specialistId])).toEqual([
        [seekers[0]!.id, a.staffId],
        [seekers[1]!.id, b.staffId],
        [seekers[2]!.id, b.staffId],
        [seekers[3]!.id, a.staffId],
      ]);
      for (const s of seekers) await store.end(s.id, 'system', 'test over', tick());
      for (const s of [a, b]) await store.endShift(s.staffId);
    });

    it('[MQ4] [MQ3] finds the one eligible specialist behind many free ones, and the best of several', async () => {
      const store = make();
      const [crowd, rare] = [`t-${randomUUID().slice(0, 6)}`, `t-${randomUUID().slice(0, 6)}`];
      const others = [];
      for (let i = 0; i < 40; i++) others.push(await shift(store, 2, [crowd]));
      const idleLonger = await shift(store, 2, [rare]);
      const idleLess = await shift(store, 2, [rare]);
      const [first, second] = [newSession({ topic: rare }), newSession({ topic: rare })];
      await store.request(first);
      await store.request(second);
      const matched = await store.match(tick());
      expect(matched.map((s) => [s.id, s.specialistId])).toEqual([
        [first.id, idleLonger.staffId],
        [second.id, idleLess.staffId],
      ]);
      for (const s of [first, second]) await store.end(s.id, 'system', 'test over', tick());
      for (const s of [...others, idleLonger, idleLess]) await store.endShift(s.staffId);
    });

    it('[MQ4] gives a specialist with topics only seekers who chose one of them, or none', async () => {
      const store = make();
      const t1 = `t-${randomUUID().slice(0, 6)}`;
      const t2 = `t-${randomUUID().slice(0, 6)}`;
      const other = newSession({ topic: t2 });
      const none = newSession({ topic: null });
      await store.request(other);
      const spec = await shift(store, 5, [t1]);
      const own = newSession({ topic: t1 });
      await store.request(own);
      await store.request(none);
      const matched = (await store.match(tick())).map((s) => s.id);
      expect(matched).toContain(own.id);
      expect(matched).not.toContain(other.id);
      expect((await store.get(other.id))?.status).toBe('waiting');
      await store.endShift(spec.staffId);
      for (const s of [other, none, own]) await store.end(s.id, 'system', 'test over', tick());
    });

    it('[MQ2] a switch re-queues at the front and never re-matches the specialist just left', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const first = await shift(store, 1, [topic]);
      const s = newSession({ topic });
      await store.request(s);
      await store.match(tick());
      expect(await store.requeue(s.id, 'switch', tick(), 'someone-else')).toBeNull(); // a stale caller changes nothing
      const switched = await store.requeue(s.id, 'switch', tick(), first.staffId);
      expect(switched).toMatchObject({ status: 'waiting', excludeStaffId: first.staffId, switches: 1 });
      expect(await store.match(tick())).toEqual([]);
      const second = await shift(store, 1, [topic]);
      const [again] = await store.match(tick());
      expect(again).toMatchObject({ id: s.id, specialistId: second.staffId });
      expect(await store.requeue(randomUUID(), 'transfer', tick(), second.staffId)).toBeNull();
      for (const sp of [first, second]) await store.endShift(sp.staffId);
      await store.end(s.id, 'system', 'test over', tick());
    });
  });
}
