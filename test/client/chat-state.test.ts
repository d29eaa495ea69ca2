import { describe, expect, it } from 'vitest';
import { announcement } from '../../client/src/shared/announce.js';
import { chatReducer, deliveredTexts, newChat, type ChatAction, type ChatState, type Item } from '../../client/src/shared/chat-state.js';
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

  /** Every message on screen as [text, state]: one row per bubble. */
  const bubbles = (state: ChatState) =>
    state.items.flatMap((i: Item) => (i.kind === 'message' ? [[i.message.text, i.message.failed ? 'not sent' : i.message.pending ? 'sending' : 'delivered']] : []));
  const sending = (clientMsgId: string, text: string): ChatAction => ({ type: 'sending', clientMsgId, text, sender: 'seeker', at: 'now' });

  it('[UX3] the echo of a message still on its way takes its bubble, keeping its clientMsgId (the key on screen); the answer after it changes nothing', () => {
    const echoed = run([sending('c1', 'hello'), { type: 'message', message: msg(1, 'hello', 'seeker'), seen: true }]);
    expect(bubbles(echoed)).toEqual([['hello', 'delivered']]);
    expect(echoed.items[0]).toMatchObject({ message: { id: 'id-1', clientMsgId: 'c1' } });
    const answered = run([{ type: 'sent', clientMsgId: 'c1', message: msg(1, 'hello', 'seeker') }], echoed);
    expect(bubbles(answered)).toEqual([['hello', 'delivered']]);
  });

  it('[UX3] a message marked not sent (its answer lost with the connection) that the server did store becomes that message when it shows up: never two copies', () => {
    const lost = run([sending('c1', 'are you there?'), { type: 'send-failed', clientMsgId: 'c1', reason: 'No answer' }]);
    expect(bubbles(run([{ type: 'message', message: msg(1, 'are you there?', 'seeker'), seen: true }], lost))).toEqual([['are you there?', 'delivered']]);
    expect(bubbles(run([{ type: 'resumed', messages: [msg(1, 'are you there?', 'seeker')] }], lost))).toEqual([['are you there?', 'delivered']]);
  });

  it('[UX3] the same words sent twice are two messages, whatever order echoes and answers come in', () => {
    const twice = [sending('c1', 'ok'), sending('c2', 'ok')];
    const [first, second] = [msg(1, 'ok', 'seeker'), msg(2, 'ok', 'seeker')];
    const orders: ChatAction[][] = [
      [{ type: 'message', message: first, seen: true }, { type: 'message', message: second, seen: true }, { type: 'sent', clientMsgId: 'c1', message: first }, { type: 'sent', clientMsgId: 'c2', message: second }],
      // The server stored the second first (a slow hook on the first): the echoes stand in for the wrong bubbles until the answers say.
      [{ type: 'message', message: { ...second, seq: 1, id: 'id-2' }, seen: true }, { type: 'sent', clientMsgId: 'c2', message: { ...second, seq: 1, id: 'id-2' } }, { type: 'message', message: { ...first, seq: 2, id: 'id-1' }, seen: true }, { type: 'sent', clientMsgId: 'c1', message: { ...first, seq: 2, id: 'id-1' } }],
      [{ type: 'sent', clientMsgId: 'c2', message: second }, { type: 'message', message: first, seen: true }, { type: 'message', message: second, seen: true }, { type: 'sent', clientMsgId: 'c1', message: first }],
    ];
    for (const order of orders) {
      const s = run([...twice, ...order]);
      expect(bubbles(s)).toEqual([['ok', 'delivered'], ['ok', 'delivered']]);
      expect(s.items.map((i) => (i.kind === 'message' ? i.message.clientMsgId : null)).sort()).toEqual(['c1', 'c2']);
    }
  });

  it('[UX3] a message of the other side with the same words is never taken for one of mine', () => {
    const s = run([sending('c1', 'ok'), { type: 'message', message: msg(1, 'ok', 'specialist'), seen: true }]);
    expect(bubbles(s)).toEqual([['ok', 'delivered'], ['ok', 'sending']]);
  });

  it('[UX4] says a new message as "<sender>: <text>", the other side\'s and Peerline\'s only, and a notice as its words', () => {
    const item = (message: Message): Item => ({ kind: 'message', message });
    expect(announcement(item(msg(1, 'How are you?')), 'seeker', 'Sam')).toBe('Sam: How are you?');
    expect(announcement(item({ ...msg(2, 'Hi Sam', 'seeker'), specialistName: null }), 'specialist', 'Quiet Heron')).toBe('Quiet Heron: Hi Sam');
    expect(announcement(item(msg(3, 'Chat resumed', 'system')), 'seeker', 'Sam')).toBe('Peerline: Chat resumed');
    expect(announcement(item(msg(4, 'mine', 'seeker')), 'seeker', 'Sam')).toBeNull();
    expect(announcement({ kind: 'message', message: { ...msg(5, 'on its way', 'specialist'), pending: true } }, 'seeker', 'Sam')).toBeNull();
    expect(announcement({ kind: 'notice', id: 'n', text: 'Your specialist is back.', tone: 'info' }, 'seeker', 'Sam')).toBe('Your specialist is back.');
    expect(announcement({ kind: 'notice', id: 'n', text: 'You chose to start fresh.', tone: 'info', quiet: true }, 'seeker', 'Sam')).toBeNull();
  });
});
