import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EARLIER_PARTS_KEPT } from '../../core/chat/types.js';
import type { MatchStore } from '../../core/ports/match-store.js';
import { newSession, shift, tick } from './match-fixtures.js';

/** A chat handed on by a transfer or a switch (CH9): part of the MatchStore contract. */
export function matchHandoverContract(make: () => MatchStore): void {
  describe('handover', () => {
    /** A live chat with a specialist of its own topic. */
    const live = async (store: MatchStore) => {
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(store, 1, [topic]);
      const session = newSession({ topic });
      const [matched] = (await store.requestAndMatch(session, tick(), 0)).matched;
      return { topic, spec, session: matched! };
    };

    it('[CH9] a transfer leaves a note, not shared until the seeker says so, and the next specialist gets both', async () => {
      const store = make();
      const { topic, spec, session } = await live(store);
      const requeued = await store.requeue(session.id, 'transfer', tick(), spec.staffId, 'needs someone who knows grief');
      expect(requeued?.handover).toEqual({ kind: 'transfer', note: 'needs someone who knows grief', shared: false, from: spec.displayName });
      expect(requeued?.earlier).toEqual([{ name: spec.displayName, from: session.matchedAt }]);
      expect((await store.setHandover(session.id, true))?.handover).toMatchObject({ shared: true, note: 'needs someone who knows grief' });
      const next = await shift(store, 1, [topic]);
      const [matched] = await store.match(tick());
      expect(matched).toMatchObject({ id: session.id, specialistId: next.staffId, handover: { kind: 'transfer', shared: true, from: spec.displayName } });
      // Still open: the answer may change while the next specialist is in the chat.
      expect((await store.setHandover(session.id, false))?.handover?.shared).toBe(false);
      await store.endShift(spec.staffId);
      await store.endShift(next.staffId);
      await store.end(session.id, 'seeker', 'done', tick());
    });

    it('[CH9] a switch has no note; a specialist who drops removes the handover; each part is kept in order', async () => {
      const store = make();
      const { topic, spec, session } = await live(store);
      expect((await store.requeue(session.id, 'switch', tick(), spec.staffId))?.handover).toEqual({ kind: 'switch', note: null, shared: false, from: spec.displayName });
      const next = await shift(store, 1, [topic]);
      const [second] = await store.match(tick());
      const dropped = await store.requeue(session.id, 'specialist_disconnected', tick(), next.staffId);
      expect(dropped?.handover).toBeUndefined();
      expect(dropped?.earlier?.map((p) => p.name)).toEqual([spec.displayName, next.displayName]);
      expect(dropped?.earlier?.[1]?.from).toBe(second!.matchedAt);
      expect(await store.setHandover(session.id, true)).toBeNull();
      await store.endShift(spec.staffId);
      await store.endShift(next.staffId);
      await store.end(session.id, 'seeker', 'done', tick());
    });

    it('[CH9] [PRIV1] an ended chat keeps the answer but not the note; answers to unknown, ended or never handed-over chats change nothing', async () => {
      const store = make();
      const { spec, session } = await live(store);
      expect(await store.setHandover(session.id, true)).toBeNull();
      await store.requeue(session.id, 'transfer', tick(), spec.staffId, 'a note');
      await store.setHandover(session.id, true);
      expect((await store.end(session.id, 'seeker', 'done', tick()))?.handover).toEqual({ kind: 'transfer', note: null, shared: true, from: spec.displayName });
      expect((await store.get(session.id))?.handover?.note).toBeNull();
      expect(await store.setHandover(session.id, false)).toBeNull();
      expect(await store.setHandover(randomUUID(), true)).toBeNull();
      await store.endShift(spec.staffId);
    });

    it(`[CH9] keeps the last ${EARLIER_PARTS_KEPT} earlier parts of a chat passed on again and again`, async () => {
      const store = make();
      const { topic, spec, session } = await live(store);
      const other = await shift(store, 1, [topic]);
      const specs = [spec, other];
      for (let i = 0; i <= EARLIER_PARTS_KEPT; i++) {
        await store.requeue(session.id, 'transfer', tick(), specs[i % 2]!.staffId, `note ${i}`);
        expect((await store.match(tick()))[0]?.specialistId).toBe(specs[(i + 1) % 2]!.staffId);
      }
      const now = await store.get(session.id);
      expect(now?.earlier).toHaveLength(EARLIER_PARTS_KEPT);
      expect(now?.handover?.note).toBe(`note ${EARLIER_PARTS_KEPT}`);
      await store.endShift(spec.staffId);
      await store.endShift(other.staffId);
      await store.end(session.id, 'seeker', 'done', tick());
    });
  });
}
