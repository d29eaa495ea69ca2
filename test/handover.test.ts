import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatReducer, newChat, senderLabel, type ChatAction, type ChatState } from '../client/src/shared/chat-state.js';
import { assignedNotice } from '../client/src/specialist/console-state.js';
import type { HandoverInfo } from '../src/protocol/events.js';
import type { Message } from '../src/protocol/messages.js';
import { ack, newSeeker, newSpecialist, ok, send, waitFor } from '../src/testing/chat-helpers.js';
import type { TestSocket } from '../src/testing/socket-client.js';
import { testTopic } from '../src/testing/topics.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

type Assigned = { sessionId: string; waitedSeconds: number; handover?: HandoverInfo };
type Resumed = { session: { handover?: HandoverInfo }; messages: Message[] };

/** Each message as [sender, name of the specialist who wrote it, from before the reader joined, text]. */
const view = (messages: Message[]) => messages.map((m) => [m.sender, m.specialistName ?? null, m.earlier === true, m.text]);

// No safety sweep: every match here comes from an event (MQ5).
describe.each(backendKinds())('handover with consent on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  const sockets: TestSocket[] = [];
  const track = <T extends { socket: TestSocket }>(x: T): T => {
    sockets.push(x.socket);
    return x;
  };

  /** A seeker and a specialist in a live chat on a topic of their own, a few words said each way. */
  const chatting = async () => {
    const tp = testTopic();
    const first = track(await newSpecialist(t.app, t.url, admin, [tp]));
    await ok(first.socket, 'shift:start', { capacity: 1, topics: [tp] });
    const seek = track(await newSeeker(t.app, t.url));
    const matched = waitFor(seek.socket, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic: tp });
    await matched;
    await send(seek.socket, sessionId, 'my dog died last week');
    await send(first.socket, sessionId, 'I am so sorry. What was she called?');
    return { tp, first, seek, sessionId };
  };

  /** The next specialist on the topic, starting a shift: resolves with their chat:assigned. */
  const nextSpecialist = async (tp: string) => {
    const next = track(await newSpecialist(t.app, t.url, admin, [tp]));
    const assigned = waitFor<Assigned>(next.socket, 'chat:assigned');
    await ok(next.socket, 'shift:start', { capacity: 1, topics: [tp] });
    return { ...next, assigned: await assigned };
  };

  const transfer = async (chat: Awaited<ReturnType<typeof chatting>>, reason?: string) => {
    const requeued = waitFor<{ kind: string }>(chat.seek.socket, 'chat:requeued');
    await ok(chat.first.socket, 'chat:transfer', { sessionId: chat.sessionId, ...(reason === undefined ? {} : { reason }) });
    return requeued;
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { SWEEP_INTERVAL_S: '0' });
    admin = await signInAdmin(t.app);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => t?.close());

  it('[CH9] shared: the next specialist gets the note and reads the whole conversation, each message labelled by who said it', async () => {
    const chat = await chatting();
    const { tp, first, seek, sessionId } = chat;
    expect(await transfer(chat, 'grief: lost her dog last week; go gently')).toMatchObject({ kind: 'transfer' });
    await ok(seek.socket, 'chat:handover', { sessionId, share: true });
    const next = await nextSpecialist(tp);
    expect(next.assigned).toMatchObject({ sessionId, handover: { note: 'grief: lost her dog last week; go gently', shared: true, from: first.displayName, kind: 'transfer' } });
    await send(next.socket, sessionId, 'Hi, I am here now. I read what you told my colleague.');
    const seen = await ok<Resumed>(next.socket, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(view(seen.messages)).toEqual([
      ['seeker', null, true, 'my dog died last week'],
      ['specialist', first.displayName, true, 'I am so sorry. What was she called?'],
      ['specialist', next.displayName, false, 'Hi, I am here now. I read what you told my colleague.'],
    ]);
    expect(seen.session.handover).toEqual({ note: 'grief: lost her dog last week; go gently', shared: true, from: first.displayName, kind: 'transfer' });
    // The seeker's own transcript names each specialist by who actually wrote, and holds no staff note.
    const own = await ok<Resumed>(seek.socket, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(view(own.messages)).toEqual([
      ['seeker', null, false, 'my dog died last week'],
      ['specialist', first.displayName, false, 'I am so sorry. What was she called?'],
      ['specialist', next.displayName, false, 'Hi, I am here now. I read what you told my colleague.'],
    ]);
    expect(own.session.handover).toBeUndefined();
  });

  for (const answer of [false, undefined]) {
    it(`[CH9] [PRIV5] ${answer === undefined ? 'no answer' : 'share=false'}: the next specialist reads only their own part, and still gets the note`, async () => {
      const chat = await chatting();
      const { tp, seek, sessionId } = chat;
      await transfer(chat, 'needs someone who knows grief');
      if (answer !== undefined) await ok(seek.socket, 'chat:handover', { sessionId, share: answer });
      const next = await nextSpecialist(tp);
      expect(next.assigned.handover).toEqual({ note: 'needs someone who knows grief', shared: false, from: chat.first.displayName, kind: 'transfer' });
      await send(seek.socket, sessionId, 'hello again');
      const seen = await ok<Resumed>(next.socket, 'chat:resume', { sessionId, afterSeq: 0 });
      expect(view(seen.messages)).toEqual([['seeker', null, false, 'hello again']]);
      expect(seen.session.handover?.shared).toBe(false);
    });
  }

  it('[CH9] [MOD1] a note carrying an email address reaches the next specialist redacted; a transfer without a reason has no note', async () => {
    const chat = await chatting();
    await transfer(chat, 'she asked to write to me at jane.doe@example.org');
    const next = await nextSpecialist(chat.tp);
    expect(next.assigned.handover?.note).toContain('[contact removed]');
    expect(JSON.stringify(next.assigned)).not.toContain('jane.doe@example.org');
    const seen = await ok<Resumed>(next.socket, 'chat:resume', { sessionId: chat.sessionId, afterSeq: 0 });
    expect(seen.session.handover?.note).not.toContain('example.org');

    const quiet = await chatting();
    await transfer(quiet);
    expect((await nextSpecialist(quiet.tp)).assigned.handover).toEqual({ note: null, shared: false, from: quiet.first.displayName, kind: 'transfer' });
  });

  it('[CH9] switch: the next specialist gets handover {note: null}; a yes after they joined reaches them at once and opens the earlier part', async () => {
    const { tp, first, seek, sessionId } = await chatting();
    const next = track(await newSpecialist(t.app, t.url, admin, [tp]));
    await ok(next.socket, 'shift:start', { capacity: 1, topics: [tp] });
    const assigned = waitFor<Assigned>(next.socket, 'chat:assigned');
    const requeued = waitFor<{ kind: string }>(seek.socket, 'chat:requeued');
    await ok(seek.socket, 'chat:switch', { sessionId });
    expect(await requeued).toMatchObject({ kind: 'switch' });
    expect((await assigned).handover).toEqual({ note: null, shared: false, from: first.displayName, kind: 'switch' });
    expect((await ok<Resumed>(next.socket, 'chat:resume', { sessionId, afterSeq: 0 })).messages).toEqual([]);
    const told = waitFor<{ sessionId: string } & HandoverInfo>(next.socket, 'chat:handover');
    await ok(seek.socket, 'chat:handover', { sessionId, share: true });
    expect(await told).toEqual({ sessionId, note: null, shared: true, from: first.displayName, kind: 'switch' });
    const seen = await ok<Resumed>(next.socket, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(view(seen.messages)).toEqual([
      ['seeker', null, true, 'my dog died last week'],
      ['specialist', first.displayName, true, 'I am so sorry. What was she called?'],
    ]);
  });

  it('[CH9] [SEC1] [SEC5] chat:handover: FORBIDDEN for a specialist, VALIDATION for a bad payload, NOT_FOUND for another seeker, CONFLICT before any handover', async () => {
    const chat = await chatting();
    const { first, seek, sessionId } = chat;
    expect(await ack(seek.socket, 'chat:handover', { sessionId, share: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await transfer(chat, 'over to a colleague');
    expect(await ack(first.socket, 'chat:handover', { sessionId, share: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const bad of [{ sessionId }, { sessionId, share: 'yes' }, { share: true }, { sessionId: '', share: false }]) {
      expect(await ack(seek.socket, 'chat:handover', bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const stranger = track(await newSeeker(t.app, t.url));
    expect(await ack(stranger.socket, 'chat:handover', { sessionId, share: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ack(stranger.socket, 'chat:handover', { sessionId: 'no-such-chat', share: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Nothing a refused call sent changed the answer: still no.
    expect((await t.app.chat.context.store.get(sessionId))?.handover?.shared).toBe(false);
    await ok(seek.socket, 'chat:cancel', { sessionId });
    expect(await ack(seek.socket, 'chat:handover', { sessionId, share: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('[CH9] waitedSeconds of a handed-over chat counts from the re-queue, not from the first request', async () => {
    const chat = await chatting();
    const { context } = t.app.chat;
    const realNow = context.now;
    try {
      // The service's clock, moved on: two minutes since the first request, then 75 s in the line again.
      context.now = () => realNow() + 120_000;
      await transfer(chat, 'over to a colleague');
      context.now = () => realNow() + 195_000;
      const next = await nextSpecialist(chat.tp);
      expect(next.assigned.waitedSeconds).toBeGreaterThanOrEqual(75);
      expect(next.assigned.waitedSeconds).toBeLessThan(120);
    } finally {
      context.now = realNow;
    }
  });
});

describe('handover on screen (client state)', () => {
  const S = 'session-h';
  const msg = (seq: number, sender: Message['sender'], extra: Partial<Message> = {}): Message => ({
    id: `m${seq}`, sessionId: S, seq, sender, text: `t${seq}`, sentAt: new Date(1_800_000_000_000 + seq).toISOString(), redacted: false, ...extra,
  });
  const labels = (state: ChatState, me: 'seeker' | 'specialist', peer: string) =>
    state.items.flatMap((i) => (i.kind === 'message' ? [senderLabel(i.message, me, peer)] : []));

  it('[CH9] the seeker\'s transcript keeps each specialist\'s name on their own words after a handover', () => {
    const actions: ChatAction[] = [
      { type: 'speaking-with', name: 'Ana' },
      { type: 'message', message: msg(1, 'specialist'), seen: true },
      { type: 'message', message: msg(2, 'seeker'), seen: true },
      { type: 'speaking-with', name: 'Ben' },
      { type: 'message', message: msg(3, 'specialist'), seen: true },
    ];
    const state = actions.reduce(chatReducer, newChat(S));
    // The header says who is there now (Ben); the words keep who wrote them.
    expect(labels(state, 'seeker', 'Ben')).toEqual(['Ana', 'You', 'Ben']);
    // A resume's names, from the server, win over those guessed live.
    const resumed = chatReducer(state, { type: 'resumed', messages: [msg(1, 'specialist', { specialistName: 'Ana K.' })] });
    expect(labels(resumed, 'seeker', 'Ben')).toEqual(['Ana K.', 'You', 'Ben']);
  });

  it('[CH9] on the console the earlier part is not the reader\'s own: named, marked, never "You"', () => {
    const state = chatReducer(newChat(S), {
      type: 'resumed',
      messages: [msg(1, 'seeker', { earlier: true }), msg(2, 'specialist', { earlier: true, specialistName: 'Ana' }), msg(3, 'specialist', { earlier: true, specialistName: null }), msg(4, 'specialist', { specialistName: 'Ben' })],
    });
    expect(labels(state, 'specialist', 'Quiet Heron')).toEqual(['Quiet Heron (before you joined)', 'Ana (before you joined)', 'Previous specialist (before you joined)', 'You']);
  });

  it('[CH9] the console names who handed a chat over, and never says a seeker "joined after waiting 0 s"', () => {
    const base = { seekerAlias: 'Quiet Heron', topic: 'grief', waitedSeconds: 0 };
    expect(assignedNotice(base)).toBe('Quiet Heron joined with no wait. Topic: grief.');
    expect(assignedNotice({ ...base, waitedSeconds: 240 })).toBe('Quiet Heron joined after waiting 4 min. Topic: grief.');
    const handover = { note: null, shared: false, from: 'Ana', kind: 'transfer' as const };
    expect(assignedNotice({ ...base, handover })).toBe('Quiet Heron was transferred to you by Ana. Topic: grief.');
    expect(assignedNotice({ ...base, waitedSeconds: 75, handover: { ...handover, kind: 'switch' } })).toBe('Quiet Heron asked to talk to someone other than Ana (back in line 75 s). Topic: grief.');
  });
});
