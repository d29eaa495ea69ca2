import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eligible, routable } from '../../core/chat/matching.js';
import { waitingSession, type SessionRecord, type SpecialistRecord } from '../../core/chat/types.js';
import type { MatchStore } from '../../core/ports/match-store.js';

let clock = 1_800_000_000_000;
const tick = () => (clock += 1000);

export const newSession = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  ...waitingSession({ id: randomUUID(), seekerId: randomUUID(), seekerAlias: 'Quiet Heron', topic: null, language: null }, tick()),
  ...over,
});

export const shift = (store: MatchStore, capacity: number, topics: string[] = [], staffId: string = randomUUID()) =>
  store.startShift({ staffId, displayName: `Spec ${staffId.slice(0, 4)}`, capacity, topics, shiftId: randomUUID(), shiftStartedAt: clock }, tick());

/**
 * The behaviour every MatchStore must have. `make` gives a store on one shared backend; called
 * several times it stands for several nodes (for Redis: several connections).
 */
export function matchStoreContract(make: () => MatchStore): void {
  describe('MatchStore', () => {
    it('[MQ1] never gives a specialist more live chats than their capacity', async () => {
      const store = make();
      const spec = await shift(store, 2);
      const sessions = [newSession(), newSession(), newSession()];
      for (const s of sessions) await store.request(s);
      const matched = await store.match(tick());
      expect(matched).toHaveLength(2);
      expect(matched.every((s) => s.status === 'active' && s.specialistId === spec.staffId)).toBe(true);
      expect((await store.specialist(spec.staffId))?.active).toBe(2);
      expect(await store.match(tick())).toEqual([]);
      await store.endShift(spec.staffId);
      for (const s of sessions) await store.end(s.id, 'system', 'test over', tick());
    });

    it('[MQ1] keeps one open request per seeker: a second request returns the first', async () => {
      const store = make();
      const first = newSession();
      expect((await store.request(first)).created).toBe(true);
      const again = await store.request(newSession({ seekerId: first.seekerId }));
      expect(again).toMatchObject({ created: false, session: { id: first.id } });
      expect((await store.openSessionOf(first.seekerId))?.id).toBe(first.id);
      await store.end(first.id, 'seeker', 'cancelled', tick());
    });

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

    it('[MQ8] shift end stops new chats while live chats continue; a disconnected specialist is not routable', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(store, 3, [topic]);
      const live = newSession({ topic });
      await store.request(live);
      await store.match(tick());
      await store.endShift(spec.staffId);
      const waiting = newSession({ topic });
      await store.request(waiting);
      expect(await store.match(tick())).toEqual([]);
      expect((await store.sessionsOf(spec.staffId)).map((s) => s.id)).toEqual([live.id]);
      await shift(store, 3, [topic], spec.staffId);
      await store.setConnected(spec.staffId, false);
      expect(await store.match(tick())).toEqual([]);
      await store.setConnected(spec.staffId, true);
      expect((await store.match(tick())).map((s) => s.id)).toEqual([waiting.id]);
      expect((await store.specialist(spec.staffId))?.active).toBe(2);
      expect(await store.routedSpecialists()).toContain(spec.staffId);
      await store.endShift(spec.staffId);
      expect(await store.routedSpecialists()).toContain(spec.staffId); // still holds live chats
    });

    it('[CH6] ends a session once, freeing capacity; ending again answers null', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(store, 1, [topic]);
      const s = newSession({ topic });
      await store.request(s);
      await store.match(tick());
      const ended = await store.end(s.id, 'seeker', 'done', tick());
      expect(ended).toMatchObject({ status: 'ended', endedBy: 'seeker', endReason: 'done' });
      expect(await store.end(s.id, 'specialist', 'again', tick())).toBeNull();
      expect((await store.specialist(spec.staffId))?.active).toBe(0);
      expect(await store.openSessionOf(s.seekerId)).toBeNull();
      expect(await store.end(randomUUID(), 'seeker', 'unknown', tick())).toBeNull();
      await store.endShift(spec.staffId);
    });

    it('[MQ5] [MQ9] an arrival and the end that frees a seat each match in the same step', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(store, 1, [topic]);
      const first = newSession({ topic });
      const arrived = await store.requestAndMatch(first, tick(), 0);
      expect(arrived).toMatchObject({ created: true, position: null, session: { id: first.id, status: 'active', specialistId: spec.staffId } });
      expect(arrived.matched.map((s) => s.id)).toEqual([first.id]);
      const second = newSession({ topic });
      const waiting = await store.requestAndMatch(second, tick(), 0);
      expect(waiting).toMatchObject({ created: true, matched: [], session: { id: second.id, status: 'waiting' } });
      expect(waiting.position).toBeGreaterThanOrEqual(1);
      expect(waiting.recentMatches).toBeGreaterThanOrEqual(1);
      const again = await store.requestAndMatch(newSession({ seekerId: second.seekerId, topic }), tick(), 0);
      expect(again).toMatchObject({ created: false, session: { id: second.id } });
      const { ended, matched } = await store.endAndMatch(first.id, 'seeker', 'done', tick());
      expect(ended).toMatchObject({ id: first.id, status: 'ended' });
      expect(matched.map((s) => s.id)).toEqual([second.id]);
      expect((await store.specialist(spec.staffId))?.active).toBe(1);
      expect(await store.endAndMatch(first.id, 'seeker', 'again', tick())).toEqual({ ended: null, matched: [] });
      await store.endShift(spec.staffId);
      expect((await store.endAndMatch(second.id, 'system', 'test over', tick())).matched).toEqual([]);
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

    it('[MQ7] reports positions, stats, a changing queue version and recent matches', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const v0 = await store.queueVersion();
      const a = newSession({ topic });
      await store.request(a);
      expect(await store.queueVersion()).toBeGreaterThan(v0);
      expect(await store.position(a.id)).toBeGreaterThanOrEqual(1);
      expect(await store.positions([a.id, randomUUID()])).toEqual([await store.position(a.id), null]);
      expect(await store.positions([])).toEqual([]);
      const stats = await store.stats();
      expect(stats.waiting).toBeGreaterThanOrEqual(1);
      expect(stats.byTopic[topic]).toBe(1);
      const since = clock;
      const spec = await shift(store, 1, [topic]);
      await store.match(tick());
      expect(await store.position(a.id)).toBeNull();
      expect(await store.matchesSince(since)).toBeGreaterThanOrEqual(1);
      await store.rate(a.id, 5, 'thank you');
      expect(await store.get(a.id)).toMatchObject({ rating: 5, feedback: 'thank you' });
      await store.endShift(spec.staffId);
      await store.end(a.id, 'seeker', 'done', tick());
    });

    it('[MQ9] [MQ1] [MQ6] holds its invariants under concurrent requests, matches, cancels and ends from many nodes', async () => {
      const nodes = Array.from({ length: 4 }, () => make());
      const topics = ['c-a', 'c-b', 'c-c'].map((t) => `${t}-${randomUUID().slice(0, 4)}`);
      const specs = await Promise.all(
        Array.from({ length: 50 }, (_, i) => shift(nodes[i % 4]!, 1 + (i % 3), i % 5 === 0 ? [topics[i % 3]!] : [])),
      );
      const sessions = Array.from({ length: 1000 }, (_, i) => newSession({ topic: i % 4 === 0 ? null : topics[i % 3]! }));
      const node = (i: number) => nodes[i % nodes.length]!;
      await Promise.all(
        sessions.map(async (s, i) => {
          await node(i).request(s);
          await node(i + 1).match(tick());
          if (i % 7 === 0) await node(i + 2).end(s.id, 'seeker', 'cancelled', tick());
          if (i % 11 === 0) await node(i + 3).end(s.id, 'specialist', 'done', tick());
          if (i % 13 === 0) await node(i).match(tick());
          if (i % 17 === 0) {
            // Churn: a switch or a lost specialist re-queues a live chat at the front.
            const current = await node(i + 1).get(s.id);
            if (current?.status === 'active') await node(i + 2).requeue(s.id, i % 2 ? 'switch' : 'specialist_disconnected', tick(), current.specialistId!);
          }
          if (i % 19 === 0) await node(i + 3).setConnected(specs[i % specs.length]!.staffId, i % 38 !== 0);
        }),
      );
      for (const spec of specs) await nodes[0]!.setConnected(spec.staffId, true);
      await nodes[0]!.match(tick());
      const states: SpecialistRecord[] = [];
      const holders = new Map<string, string>();
      for (const spec of specs) {
        const state = (await nodes[1]!.specialist(spec.staffId))!;
        const live = await nodes[2]!.sessionsOf(spec.staffId);
        expect(state.active).toBeLessThanOrEqual(state.capacity); // MQ1
        expect(live).toHaveLength(state.active);
        for (const s of live) {
          expect(holders.has(s.id)).toBe(false); // never two specialists on one chat
          holders.set(s.id, spec.staffId);
        }
        states.push(state);
      }
      for (const s of sessions) {
        const state = (await nodes[3]!.get(s.id))!;
        expect(['waiting', 'active', 'ended']).toContain(state.status); // MQ6: each in exactly one state
        if (state.status === 'active') expect(holders.get(s.id)).toBe(state.specialistId);
        if (state.status === 'waiting') {
          expect(await nodes[0]!.position(s.id)).not.toBeNull();
          // Nobody waits while a free, eligible specialist exists (the last match call saw everyone).
          expect(states.filter((sp) => routable(sp) && eligible(sp, state)).map((sp) => sp.staffId)).toEqual([]);
        }
      }
      await Promise.all(specs.map((s) => nodes[0]!.endShift(s.staffId)));
      await Promise.all(sessions.map((s) => nodes[1]!.end(s.id, 'system', 'test over', tick())));
    }, 60_000);
  });
}
