import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { AppendBudget, LiveHistory, MessageDraft } from '../../core/ports/live-history.js';
import type { MatchStore } from '../../core/ports/match-store.js';
import { newSession, shift } from './match-store.contract.js';

const draft = (sessionId: string, clientMsgId: string): MessageDraft => ({
  id: randomUUID(),
  sessionId,
  clientMsgId,
  sender: 'seeker',
  text: `text ${clientMsgId}`,
  sentAt: new Date().toISOString(),
  redacted: false,
});

/** A seeker's budget of `points` appends a `windowMs`, under a key of its own. */
const budgetOf = (points: number, windowMs = 10_000): AppendBudget => ({ key: `seeker:${randomUUID()}`, points, windowMs });

/**
 * A LiveHistory writes only into chats its MatchStore has live with the writer in them, and spends
 * from the writer's budget as it appends. `otherNode` is the same history as another node reaches it
 * (for a single-node backend, the same instance).
 */
export function liveWritesContract(make: () => { matches: MatchStore; history: LiveHistory; otherNode: LiveHistory }): void {
  /** A chat live between a new seeker and a new specialist. */
  const liveChat = async (matches: MatchStore) => {
    const topic = `t-${randomUUID().slice(0, 6)}`;
    await shift(matches, 1, [topic]);
    const s = newSession({ topic });
    await matches.requestAndMatch(s, Date.now(), 0);
    return { id: s.id, writer: { seekerId: s.seekerId } };
  };

  describe('LiveHistory with its MatchStore', () => {
    it('[CH5] [CH6] appends only while the chat is active with the writer in it', async () => {
      const { matches, history } = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      const spec = await shift(matches, 1, [topic]);
      const s = newSession({ topic });
      expect(await history.appendIfLive(draft(s.id, 'early'), { seekerId: s.seekerId })).toBeNull();
      await matches.requestAndMatch(s, Date.now(), 0);
      expect((await history.appendIfLive(draft(s.id, 'a'), { seekerId: s.seekerId }))?.message.seq).toBe(1);
      expect((await history.appendIfLive(draft(s.id, 'b'), { staffId: spec.staffId }))?.message.seq).toBe(2);
      expect(await history.appendIfLive(draft(s.id, 'c'), { seekerId: randomUUID() })).toBeNull();
      expect(await history.appendIfLive(draft(s.id, 'd'), { staffId: randomUUID() })).toBeNull();
      expect(await history.appendIfLive(draft(s.id, 'a'), { seekerId: s.seekerId })).toMatchObject({ duplicate: true, message: { seq: 1 } });
      await matches.endShift(spec.staffId);
      await matches.end(s.id, 'seeker', 'done', Date.now());
      expect(await history.appendIfLive(draft(s.id, 'late'), { seekerId: s.seekerId })).toBeNull();
      expect((await history.after(s.id, 0)).map((m) => m.seq)).toEqual([1, 2]);
    });

    it('[SEC2] the append past a budget in its window is refused with the wait until the window ends, and nothing is stored; another budget is its own', async () => {
      const { matches, history } = make();
      const chat = await liveChat(matches);
      const budget = budgetOf(3);
      for (const id of ['a', 'b', 'c']) expect(await history.appendIfLive(draft(chat.id, id), chat.writer, budget)).toMatchObject({ duplicate: false });
      const refused = await history.appendIfLive(draft(chat.id, 'd'), chat.writer, budget);
      expect(refused).toMatchObject({ refused: true });
      const wait = (refused as { retryAfterMs: number }).retryAfterMs;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(10_000);
      expect((await history.after(chat.id, 0)).map((m) => m.seq)).toEqual([1, 2, 3]);
      expect(await history.byClientId(chat.id, 'd')).toBeNull();
      expect(await history.appendIfLive(draft(chat.id, 'e'), chat.writer, budgetOf(3))).toMatchObject({ message: { seq: 4 } });
    });

    it('[SEC2] two nodes appending for one writer spend from one count', async () => {
      const { matches, history, otherNode } = make();
      const chat = await liveChat(matches);
      const budget = budgetOf(3);
      const outcomes = [];
      for (const [i, node] of [history, otherNode, otherNode, history, otherNode].entries()) {
        const result = await node.appendIfLive(draft(chat.id, `m${i}`), chat.writer, budget);
        outcomes.push(result && 'refused' in result ? 'refused' : result?.message.seq);
      }
      expect(outcomes).toEqual([1, 2, 3, 'refused', 'refused']);
    });

    it('[CH3] [SEC2] a retry of a stored clientMsgId spends nothing, and still gets the stored message once the budget is spent', async () => {
      const { matches, history } = make();
      const chat = await liveChat(matches);
      const budget = budgetOf(2);
      const first = await history.appendIfLive(draft(chat.id, 'a'), chat.writer, budget);
      for (let i = 0; i < 3; i++) expect(await history.appendIfLive(draft(chat.id, 'a'), chat.writer, budget)).toEqual({ message: (first as { message: unknown }).message, duplicate: true });
      expect(await history.appendIfLive(draft(chat.id, 'b'), chat.writer, budget)).toMatchObject({ duplicate: false, message: { seq: 2 } });
      expect(await history.appendIfLive(draft(chat.id, 'c'), chat.writer, budget)).toMatchObject({ refused: true });
      expect(await history.appendIfLive(draft(chat.id, 'b'), chat.writer, budget)).toMatchObject({ duplicate: true, message: { seq: 2 } });
    });

    it('[SEC2] an append into a chat that is not live spends nothing; the window ends windowMs after its first append', async () => {
      const { matches, history } = make();
      const topic = `t-${randomUUID().slice(0, 6)}`;
      await shift(matches, 1, [topic]);
      const s = newSession({ topic });
      const budget = budgetOf(1, 150);
      expect(await history.appendIfLive(draft(s.id, 'early'), { seekerId: s.seekerId }, budget)).toBeNull();
      await matches.requestAndMatch(s, Date.now(), 0);
      expect(await history.appendIfLive(draft(s.id, 'a'), { seekerId: s.seekerId }, budget)).toMatchObject({ duplicate: false });
      const refused = await history.appendIfLive(draft(s.id, 'b'), { seekerId: s.seekerId }, budget);
      expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(150);
      await vi.waitFor(async () => expect(await history.appendIfLive(draft(s.id, 'b'), { seekerId: s.seekerId }, budget)).toMatchObject({ duplicate: false, message: { seq: 2 } }), {
        timeout: 2_000,
        interval: 20,
      });
    });
  });
}
