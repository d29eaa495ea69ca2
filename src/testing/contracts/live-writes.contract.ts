import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LiveHistory, MessageDraft } from '../../core/ports/live-history.js';
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

/** A LiveHistory writes only into chats its MatchStore has live with the writer in them. */
export function liveWritesContract(make: () => { matches: MatchStore; history: LiveHistory }): void {
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
  });
}
