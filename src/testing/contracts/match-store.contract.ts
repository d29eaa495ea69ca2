import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eligible, routable } from '../../core/chat/matching.js';
import type { SpecialistRecord } from '../../core/chat/types.js';
import type { MatchStore } from '../../core/ports/match-store.js';
import { newSession, now, shift, tick } from './match-fixtures.js';
import { matchAwayContract } from './match-away.contract.js';
import { matchHandoverContract } from './match-handover.contract.js';
import { matchOrderContract } from './match-order.contract.js';

export { newSession, shift } from './match-fixtures.js';

/**
 * The behaviour every MatchStore must have. `make` gives a store on one shared backend; called
 * several times it stands for several nodes (for Redis: several connections).
 */
export function matchStoreContract(make: () => MatchStore): void {
  describe('MatchStore', () => {
    matchOrderContract(make);
    matchAwayContract(make);
    matchHandoverContract(make);

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
      // The specialists the step changed, as they stand after it (each one's shift:update).
      expect(arrived.specialists).toEqual([expect.objectContaining({ staffId: spec.staffId, active: 1, capacity: 1, onShift: true })]);
      const second = newSession({ topic });
      const waiting = await store.requestAndMatch(second, tick(), 0);
      expect(waiting).toMatchObject({ created: true, matched: [], specialists: [], session: { id: second.id, status: 'waiting' } });
      expect(waiting.position).toBeGreaterThanOrEqual(1);
      expect(waiting.recentMatches).toBeGreaterThanOrEqual(1);
      const again = await store.requestAndMatch(newSession({ seekerId: second.seekerId, topic }), tick(), 0);
      expect(again).toMatchObject({ created: false, session: { id: second.id } });
      const { ended, matched, specialists } = await store.endAndMatch(first.id, 'seeker', 'done', tick());
      expect(ended).toMatchObject({ id: first.id, status: 'ended' });
      expect(matched.map((s) => s.id)).toEqual([second.id]);
      expect((await store.specialist(spec.staffId))?.active).toBe(1);
      // Freed and taken again in the same step: their shift:update would say what it said before.
      expect(specialists).toEqual([]);
      expect(await store.endAndMatch(first.id, 'seeker', 'again', tick())).toEqual({ ended: null, matched: [], specialists: [], refused: 'ended' });
      expect((await store.endAndMatch(randomUUID(), 'seeker', 'unknown', tick())).refused).toBe('not_found');
      // An end whose seat nobody takes changes the count: listed, as it ends up.
      await store.endShift(spec.staffId);
      const last = await store.endAndMatch(second.id, 'system', 'test over', tick());
      expect(last.matched).toEqual([]);
      expect(last.specialists).toEqual([expect.objectContaining({ staffId: spec.staffId, active: 0, onShift: false })]);
    });

    it('[MQ2] [MQ5] [MQ1] arrivals at the same moment queue in the order they came, and each is matched once', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(store, 2, [topic]);
      const sessions = Array.from({ length: 5 }, () => newSession({ topic }));
      const twice = newSession({ seekerId: sessions[4]!.seekerId, topic });
      const matchedTwice = newSession({ seekerId: sessions[0]!.seekerId, topic });
      const at = tick();
      const outcomes = await Promise.all([...sessions, twice, matchedTwice].map((s) => store.requestAndMatch(s, at, 0)));
      expect(outcomes.map((o) => o.session.status)).toEqual(['active', 'active', 'waiting', 'waiting', 'waiting', 'waiting', 'active']);
      // The first two (MQ2) went to the specialist, and each match is told once, whichever outcome carries it.
      expect(outcomes.flatMap((o) => o.matched.map((m) => m.id)).sort()).toEqual([sessions[0]!.id, sessions[1]!.id].sort());
      expect(outcomes.flatMap((o) => o.specialists).filter((sp) => sp.staffId === spec.staffId).at(-1)).toMatchObject({ active: 2, capacity: 2 });
      const [, , a, b, c, again] = outcomes.map((o) => o.position);
      expect([b! - a!, c! - b!]).toEqual([1, 1]);
      // A second request of one seeker in the same moment finds their first (MQ1).
      expect(outcomes[5]).toMatchObject({ created: false, position: c, session: { id: sessions[4]!.id } });
      expect(again).toBe(c);
      expect(outcomes[6]).toMatchObject({ created: false, position: null, session: { id: sessions[0]!.id, specialistId: spec.staffId } });
      for (const s of sessions.slice(2)) await store.end(s.id, 'seeker', 'cancelled', tick());
      await store.endShift(spec.staffId);
    });

    it('[CH5] [CH6] an end for a participant ends only a session they take part in, checked in the same step', async () => {
      const store = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(store, 1, [topic]);
      const other = await shift(store, 1, [`x-${topic}`]);
      const s = newSession({ topic });
      await store.requestAndMatch(s, tick(), 0);
      const nothing = { ended: null, matched: [], specialists: [] };
      // Another seeker, a specialist not in it, or no such session: not found, and nothing changes.
      expect(await store.endAndMatch(s.id, 'seeker', 'no', tick(), { seekerId: randomUUID() })).toEqual({ ...nothing, refused: 'not_found' });
      expect(await store.endAndMatch(s.id, 'specialist', 'no', tick(), { staffId: other.staffId })).toEqual({ ...nothing, refused: 'not_found' });
      expect(await store.endAndMatch(randomUUID(), 'seeker', 'no', tick(), { seekerId: s.seekerId })).toEqual({ ...nothing, refused: 'not_found' });
      expect(await store.get(s.id)).toMatchObject({ status: 'active', specialistId: spec.staffId });
      // Its specialist ends it; then it has ended, for its seeker too.
      const done = await store.endAndMatch(s.id, 'specialist', 'done', tick(), { staffId: spec.staffId });
      expect(done).toMatchObject({ ended: { id: s.id, status: 'ended', endedBy: 'specialist' }, refused: null });
      expect(await store.endAndMatch(s.id, 'seeker', 'again', tick(), { seekerId: s.seekerId })).toEqual({ ...nothing, refused: 'ended' });
      await store.endShift(spec.staffId);
      await store.endShift(other.staffId);
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
      const b = newSession({ topic });
      await store.request(b);
      // In the order asked, each as `position` has it: b queued after a.
      const [pb, pa] = await store.positions([b.id, a.id]);
      expect([pb, pa]).toEqual([await store.position(b.id), await store.position(a.id)]);
      expect(pb).toBe(pa! + 1);
      const stats = await store.stats();
      expect(stats.waiting).toBeGreaterThanOrEqual(1);
      expect(stats.byTopic[topic]).toBe(2);
      const since = now();
      const spec = await shift(store, 1, [topic]);
      await store.match(tick());
      expect(await store.position(a.id)).toBeNull();
      expect(await store.matchesSince(since)).toBeGreaterThanOrEqual(1);
      await store.rate(a.id, 5, 'thank you');
      expect(await store.get(a.id)).toMatchObject({ rating: 5, feedback: 'thank you' });
      await store.endShift(spec.staffId);
      await store.end(a.id, 'seeker', 'done', tick());
      await store.end(b.id, 'seeker', 'done', tick());
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
