import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { LiveHistory, MessageDraft } from '../../core/ports/live-history.js';

const draft = (sessionId: string, clientMsgId: string, text = `text ${clientMsgId}`): MessageDraft => ({
  id: randomUUID(),
  sessionId,
  clientMsgId,
  sender: 'seeker',
  text,
  sentAt: new Date().toISOString(),
  redacted: false,
});

/** The behaviour every LiveHistory must have. */
export function liveHistoryContract(make: () => LiveHistory): void {
  describe('LiveHistory', () => {
    it('[CH1] gives gapless seq numbers from 1 in append order', async () => {
      const history = make();
      const sid = randomUUID();
      const seqs = [];
      for (const id of ['a', 'b', 'c']) seqs.push((await history.append(draft(sid, id))).message.seq);
      expect(seqs).toEqual([1, 2, 3]);
      expect((await history.after(sid, 0)).map((m) => m.text)).toEqual(['text a', 'text b', 'text c']);
    });

    it('[CH1] keeps seq gapless and unique under concurrent appends', async () => {
      const history = make();
      const sid = randomUUID();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => history.append(draft(sid, `m${i}`))));
      expect(results.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('[CH3] is idempotent by clientMsgId: a retry returns the first message', async () => {
      const history = make();
      const sid = randomUUID();
      const first = await history.append(draft(sid, 'same', 'hello'));
      const retry = await history.append(draft(sid, 'same', 'hello again'));
      expect(first.duplicate).toBe(false);
      expect(retry).toEqual({ message: first.message, duplicate: true });
      expect(await history.after(sid, 0)).toHaveLength(1);
    });

    it('[CH4] returns only messages after afterSeq, and nothing of other sessions', async () => {
      const history = make();
      const sid = randomUUID();
      const other = randomUUID();
      for (const id of ['1', '2', '3', '4']) await history.append(draft(sid, id));
      await history.append(draft(other, 'x'));
      expect((await history.after(sid, 2)).map((m) => m.seq)).toEqual([3, 4]);
      expect(await history.after(sid, 4)).toEqual([]);
      expect(await history.after(randomUUID(), 0)).toEqual([]);
    });

    it('[MOD5] hides a message from later reads', async () => {
      const history = make();
      const sid = randomUUID();
      const a = await history.append(draft(sid, 'a'));
      await history.append(draft(sid, 'b'));
      expect(await history.hide(sid, a.message.id)).toBe(true);
      expect(await history.hide(sid, 'no-such-message')).toBe(false);
      expect((await history.after(sid, 0)).map((m) => m.seq)).toEqual([2]);
    });

    it('[CH3] finds a message by clientMsgId; recent() gives the last visible ones in order', async () => {
      const history = make();
      const sid = randomUUID();
      for (const id of ['a', 'b', 'c', 'd']) await history.append(draft(sid, id));
      expect((await history.byClientId(sid, 'b'))?.text).toBe('text b');
      expect(await history.byClientId(sid, 'nope')).toBeNull();
      const c = (await history.byClientId(sid, 'c'))!;
      await history.hide(sid, c.id);
      expect((await history.recent(sid, 2)).map((m) => m.text)).toEqual(['text b', 'text d']);
      expect((await history.recent(sid, 10)).map((m) => m.seq)).toEqual([1, 2, 4]);
    });

    it('[PRIV1] [CH4] setting the expiry counts the visible messages each side wrote', async () => {
      const history = make();
      const sid = randomUUID();
      const texts = ['one', 'two', 'three', '"sender":"seeker" in a specialist\'s words'];
      for (const [i, text] of texts.entries()) await history.append({ ...draft(sid, `s${i}`, text), sender: i === 0 ? 'seeker' : 'specialist' });
      const hidden = await history.append(draft(sid, 'h', 'hidden later'));
      await history.append(draft(sid, 'x', 'the seeker again'));
      await history.hide(sid, hidden.message.id);
      expect(await history.expire(sid, 60_000)).toEqual({ seeker: 2, specialist: 3 });
      expect(await history.expire(randomUUID(), 60_000)).toEqual({ seeker: 0, specialist: 0 });
    });

    it('[CH4] deletes the history once its expiry passes', async () => {
      const history = make();
      const sid = randomUUID();
      await history.append(draft(sid, 'a'));
      expect(await history.expire(sid, 40)).toEqual({ seeker: 1, specialist: 0 });
      await vi.waitFor(async () => expect(await history.after(sid, 0)).toEqual([]), { timeout: 2_000, interval: 10 });
    });
  });
}
