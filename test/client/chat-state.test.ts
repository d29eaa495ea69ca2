import { describe, expect, it } from 'vitest';
import { chatReducer, deliveredTexts, newChat, type ChatAction, type ChatState } from '../../client/src/shared/chat-state.js';
import type { Message } from '../../src/protocol/messages.js';

const S = 'session-1';
const msg = (seq: number, text = `m${seq}`, sender: Message['sender'] = 'specialist'): Message => ({
  id: `id-${seq}`, sessionId: S, seq, sender, text, sentAt: new Date(1_800_000_000_000 + seq).toISOString(), redacted: false,
});
const run = (actions: ChatAction[], state: ChatState = newChat(S)) => actions.reduce(chatReducer, state);

describe('chat screen state (client)', () => {
  it('[CH1] shows messages in seq order whatever order they arrive in, each once', () => {
    const s = run([msg(3), msg(1), msg(2), msg(2)].map((message) => ({ type: 'message', message, seen: true })));
    expect(deliveredTexts(s)).toEqual(['m1', 'm2', 'm3']);
    expect(s.lastSeq).toBe(3);
  });

  it('[CH4] merges a resume with what is on screen, without duplicates', () => {
    const s = run([
      { type: 'message', message: msg(1), seen: true },
      { type: 'resumed', messages: [msg(1), msg(2), msg(3)] },
    ]);
    expect(deliveredTexts(s)).toEqual(['m1', 'm2', 'm3']);
    expect(s.lastSeq).toBe(3);
  });

  it('[CH2] a sent message is pending until acknowledged, then delivered in its place', () => {
    const pending = run([{ type: 'sending', clientMsgId: 'c1', text: 'hello', sender: 'seeker', at: 'now' }]);
    expect(pending.items[0]).toMatchObject({ kind: 'message', message: { pending: true, text: 'hello' } });
    expect(deliveredTexts(pending)).toEqual([]);
    const sent = run([{ type: 'sent', clientMsgId: 'c1', message: msg(1, 'hello', 'seeker') }], pending);
    expect(deliveredTexts(sent)).toEqual(['hello']);
    expect(sent.items).toHaveLength(1);
  });

  it('[CH3] the echo arriving before the ack leaves one copy', () => {
    const s = run([
      { type: 'sending', clientMsgId: 'c1', text: 'hello', sender: 'seeker', at: 'now' },
      { type: 'message', message: msg(1, 'hello', 'seeker'), seen: true },
      { type: 'sent', clientMsgId: 'c1', message: msg(1, 'hello', 'seeker') },
    ]);
    expect(s.items).toHaveLength(1);
    expect(deliveredTexts(s)).toEqual(['hello']);
  });

  it('keeps a failed send on screen with its reason, and retries it', () => {
    const failed = run([
      { type: 'sending', clientMsgId: 'c1', text: 'hi', sender: 'seeker', at: 'now' },
      { type: 'send-failed', clientMsgId: 'c1', reason: 'blocked: insult' },
    ]);
    expect(failed.items[0]).toMatchObject({ message: { failed: 'blocked: insult', pending: false } });
    const retried = run([{ type: 'retry', clientMsgId: 'c1' }], failed);
    expect(retried.items[0]).toMatchObject({ message: { failed: undefined, pending: true } });
  });

  it('pending sends stay below delivered messages that arrive later', () => {
    const s = run([
      { type: 'sending', clientMsgId: 'c1', text: 'mine', sender: 'seeker', at: 'now' },
      { type: 'message', message: msg(1, 'theirs'), seen: true },
    ]);
    expect(s.items.map((i) => (i.kind === 'message' ? i.message.text : i.text))).toEqual(['theirs', 'mine']);
  });

  it('[MOD5] a hidden message disappears', () => {
    const s = run([{ type: 'message', message: msg(1), seen: true }, { type: 'message', message: msg(2), seen: true }, { type: 'hidden', messageId: 'id-1' }]);
    expect(deliveredTexts(s)).toEqual(['m2']);
  });

  it('counts unread messages from the other side only while not seen; reading clears them', () => {
    const s = run([{ type: 'message', message: msg(1), seen: false }, { type: 'message', message: msg(2, 'x', 'system'), seen: false }, { type: 'message', message: msg(3), seen: false }]);
    expect(s.unread).toBe(2);
    expect(chatReducer(s, { type: 'read' }).unread).toBe(0);
  });

  it('ignores messages of another session, and typing after the end', () => {
    const other = { ...msg(1), sessionId: 'other' };
    const ended = run([{ type: 'message', message: other, seen: true }, { type: 'ended', endedBy: 'seeker', reason: 'done' }, { type: 'typing', typing: true }]);
    expect(ended.items).toEqual([]);
    expect(ended.peerTyping).toBe(false);
    expect(ended.ended).toEqual({ endedBy: 'seeker', reason: 'done' });
  });
});
