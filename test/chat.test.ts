import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message } from '../src/protocol/messages.js';
import { ack, collect, newSeeker, newSpecialist, ok, send, waitFor } from '../src/testing/chat-helpers.js';
import { connectSocket, type TestSocket } from '../src/testing/socket-client.js';
import { testTopic } from '../src/testing/topics.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';
import { sessionRoom } from '../src/transport/socket/room-events.js';

// Short grace periods, and no safety sweep: every match here must come from an event (MQ5).
const GRACE = { CHAT_RECONNECT_GRACE_S: '1', SPECIALIST_GRACE_S: '1', QUEUE_GRACE_S: '1', SWEEP_INTERVAL_S: '0' };

describe.each(backendKinds())('matching and chat on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  const sockets: TestSocket[] = [];
  const track = <T extends { socket: TestSocket }>(x: T): T => {
    sockets.push(x.socket);
    return x;
  };
  const seeker = async () => track(await newSeeker(t.app, t.url));
  const specialist = async (topics: string[], capacity = 1) => {
    const s = track(await newSpecialist(t.app, t.url, admin, topics));
    await ok(s.socket, 'shift:start', { capacity, topics });
    return s;
  };
  const topic = testTopic;
  /**
   * The queue is shared by every test: compare places, never assume an empty queue, and read them
   * in one step (one seeker leaving between two reads would move the later one up a place).
   */
  const places = (...sessionIds: string[]) => t.app.chat.context.store.positions(sessionIds);
  const fresh = async (tp: string) => {
    const s = await seeker();
    return (await ok<{ sessionId: string }>(s.socket, 'chat:request', { topic: tp })).sessionId;
  };
  /** A seeker and a specialist in a live chat on a topic of their own. */
  const pair = async () => {
    const tp = topic();
    const spec = await specialist([tp]);
    const seek = await seeker();
    const assigned = waitFor<{ sessionId: string }>(spec.socket, 'chat:assigned');
    const matched = waitFor<{ sessionId: string }>(seek.socket, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic: tp });
    await Promise.all([assigned, matched]);
    return { tp, spec, seek, sessionId };
  };

  beforeAll(async () => {
    t = await startTestApp(kind, GRACE);
    admin = await signInAdmin(t.app);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => t?.close());

  describe('queue and matching', () => {
    it('[MQ5] matches the moment a seeker arrives, and the moment a specialist starts a shift', async () => {
      const tp = topic();
      const seek = await seeker();
      const first = await ok<{ sessionId: string; position: number; etaSeconds: number | null }>(seek.socket, 'chat:request', { topic: tp });
      expect(first.position).toBeGreaterThanOrEqual(1);
      // MQ7: null when no estimate is honest (test/queue.test.ts), else a wait to come.
      expect(first.etaSeconds === null || first.etaSeconds > 0).toBe(true);
      const matched = waitFor<{ sessionId: string; specialist: { displayName: string } }>(seek.socket, 'chat:matched');
      const spec = await specialist([tp]);
      const m = await matched;
      expect(m.sessionId).toBe(first.sessionId);
      expect(m.specialist.displayName).toBe(spec.displayName);

      const other = await seeker();
      const assigned = waitFor<{ sessionId: string; seekerAlias: string; topic: string; waitedSeconds: number }>(spec.socket, 'chat:assigned');
      await ok(spec.socket, 'shift:start', { capacity: 2, topics: [tp] });
      const second = await ok<{ sessionId: string }>(other.socket, 'chat:request', { topic: tp });
      expect(await assigned).toMatchObject({ sessionId: second.sessionId, seekerAlias: other.alias, topic: tp });
    });

    it('[MQ5] a seat freed and taken again at once sends its specialist no shift:update: the count is what it was', async () => {
      const tp = topic();
      const spec = await specialist([tp]); // capacity 1
      const [a, b] = [await seeker(), await seeker()];
      const firstUpdate = waitFor<{ active: number }>(spec.socket, 'shift:update', (u) => u.active === 1);
      const first = await ok<{ sessionId: string }>(a.socket, 'chat:request', { topic: tp });
      await firstUpdate;
      const second = await ok<{ sessionId: string }>(b.socket, 'chat:request', { topic: tp });
      const updates = collect<{ active: number; capacity: number }>(spec.socket, 'shift:update');
      const assigned = waitFor(spec.socket, 'chat:assigned');
      await ok(spec.socket, 'chat:end', { sessionId: first.sessionId });
      await assigned;
      // Whatever the end sent was on its way before it was acknowledged; an event sent after that by
      // the same path (the adapter, in order) arrives after all of it.
      const typing = waitFor(spec.socket, 'typing');
      await ok(b.socket, 'typing', { sessionId: second.sessionId, typing: true });
      await typing;
      expect(updates).toEqual([]);
      // A seat freed for good is told.
      const freed = waitFor<{ active: number }>(spec.socket, 'shift:update');
      await ok(spec.socket, 'chat:end', { sessionId: second.sessionId });
      expect(await freed).toEqual({ onShift: true, capacity: 1, active: 0 });
    });

    it('[MQ1] a second chat:request returns the open session instead of queueing again', async () => {
      const seek = await seeker();
      const tp = topic();
      const a = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic: tp });
      const b = await ok<{ sessionId: string; position: number }>(seek.socket, 'chat:request', { topic: tp });
      expect(b.sessionId).toBe(a.sessionId);
      expect(b.position).toBe(1);
      await ok(seek.socket, 'chat:cancel', { sessionId: a.sessionId });
    });

    it('[MQ4] a specialist with topics gets only seekers who chose one of them', async () => {
      const mine = topic();
      const other = topic();
      const spec = await specialist([mine], 3);
      const assigned = collect<{ sessionId: string }>(spec.socket, 'chat:assigned');
      const stranger = await seeker();
      const elsewhere = await ok<{ sessionId: string }>(stranger.socket, 'chat:request', { topic: other });
      const fit = await seeker();
      const matched = waitFor(fit.socket, 'chat:matched');
      const wanted = await ok<{ sessionId: string }>(fit.socket, 'chat:request', { topic: mine });
      await matched;
      await expect.poll(() => assigned.map((a) => a.sessionId)).toEqual([wanted.sessionId]);
      expect((await t.app.backends.matches.get(elsewhere.sessionId))?.status).toBe('waiting');
      await ok(stranger.socket, 'chat:cancel', { sessionId: elsewhere.sessionId });
    });

    it('[MQ3] the next seeker goes to the specialist with the lowest load', async () => {
      const tp = topic();
      const busy = await specialist([tp], 2);
      const first = await seeker();
      const busyGot = waitFor<{ sessionId: string }>(busy.socket, 'chat:assigned');
      await ok(first.socket, 'chat:request', { topic: tp });
      await busyGot;
      const idle = await specialist([tp], 2);
      const idleGot = waitFor<{ sessionId: string }>(idle.socket, 'chat:assigned');
      const second = await seeker();
      const { sessionId } = await ok<{ sessionId: string }>(second.socket, 'chat:request', { topic: tp });
      expect((await idleGot).sessionId).toBe(sessionId);
    });

    it('[PRIV5] after a switch, the new specialist sees only their own part of the chat', async () => {
      const { tp, seek, sessionId } = await pair();
      await send(seek.socket, sessionId, 'said to the first specialist');
      await ok(seek.socket, 'chat:switch', { sessionId });
      const rematched = waitFor(seek.socket, 'chat:matched');
      const next = await specialist([tp]);
      await rematched;
      await send(seek.socket, sessionId, 'said to the second specialist');
      const seen = await ok<{ messages: Message[] }>(next.socket, 'chat:resume', { sessionId, afterSeq: 0 });
      expect(seen.messages.map((m) => m.text)).toEqual(['said to the second specialist']);
      const own = await ok<{ messages: Message[] }>(seek.socket, 'chat:resume', { sessionId, afterSeq: 0 });
      expect(own.messages.map((m) => m.text)).toEqual(['said to the first specialist', 'said to the second specialist']);
    });

    it('[MQ8] shift:end stops new chats while the live chat continues', async () => {
      const { tp, spec, seek, sessionId } = await pair();
      await ok(spec.socket, 'shift:end', {});
      const late = await seeker();
      const waiting = await ok<{ sessionId: string; position: number }>(late.socket, 'chat:request', { topic: tp });
      expect(waiting.position).toBeGreaterThanOrEqual(1);
      expect((await t.app.backends.matches.get(waiting.sessionId))?.status).toBe('waiting');
      const got = waitFor<Message>(seek.socket, 'message:new');
      await send(spec.socket, sessionId, 'still here');
      expect((await got).text).toBe('still here');
      await ok(late.socket, 'chat:cancel', { sessionId: waiting.sessionId });
    });

    it('[MQ2] chat:switch re-queues the seeker at the front, never back to the same specialist', async () => {
      const { tp, spec, seek, sessionId } = await pair();
      const waiting = await seeker();
      const queued = await ok<{ sessionId: string }>(waiting.socket, 'chat:request', { topic: tp });
      const specEnded = waitFor<{ sessionId: string; reason: string }>(spec.socket, 'chat:ended');
      // The specialist is free again but must not get the seeker who just left them: the next one comes.
      const next = waitFor<{ sessionId: string }>(spec.socket, 'chat:assigned');
      const switched = await ok<{ position: number; etaSeconds: number }>(seek.socket, 'chat:switch', { sessionId });
      expect(switched.position).toBeGreaterThanOrEqual(1);
      const [again, newcomer] = await places(sessionId, await fresh(tp));
      expect(again).toBeGreaterThanOrEqual(1);
      expect(again!).toBeLessThan(newcomer!);
      expect(await t.app.backends.matches.get(sessionId)).toMatchObject({ status: 'waiting', priority: 1, excludeStaffId: spec.id, switches: 1 });
      expect((await specEnded).sessionId).toBe(sessionId);
      expect((await next).sessionId).toBe(queued.sessionId);
      const rematched = waitFor<{ sessionId: string }>(seek.socket, 'chat:matched');
      const other = await specialist([tp]);
      expect((await rematched).sessionId).toBe(sessionId);
      expect(other.id).not.toBe(spec.id);
    });

    it('chat:transfer hands the seeker back to the front of the queue with chat:requeued', async () => {
      const { spec, seek, sessionId } = await pair();
      const requeued = waitFor<{ sessionId: string; position: number; reason: string }>(seek.socket, 'chat:requeued');
      await ok(spec.socket, 'chat:transfer', { sessionId, reason: 'needs a specialist in grief' });
      const event = await requeued;
      expect(event).toMatchObject({ sessionId, reason: 'needs a specialist in grief' });
      expect(event.position).toBeGreaterThanOrEqual(1);
      expect(await t.app.backends.matches.get(sessionId)).toMatchObject({ status: 'waiting', priority: 1, excludeStaffId: spec.id, transfers: 1 });
    });

    it('[MOD2] a transfer reason reaches the seeker moderated like a message: contacts redacted, abuse refused and nothing moved', async () => {
      const { spec, seek, sessionId } = await pair();
      expect(await ack(spec.socket, 'chat:transfer', { sessionId, reason: 'you are a useless idiot' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await t.app.backends.matches.get(sessionId)).toMatchObject({ status: 'active', transfers: 0 });
      const requeued = waitFor<{ reason: string }>(seek.socket, 'chat:requeued');
      await ok(spec.socket, 'chat:transfer', { sessionId, reason: 'my colleague at jane@example.org can help' });
      const { reason } = await requeued;
      expect(reason).not.toContain('jane@example.org');
      expect(reason).toContain('[contact removed]');
    });
  });

  describe('messages', () => {
    it('[CH1] [CH2] delivers messages to both sides in seq order, acknowledged after storing', async () => {
      const { spec, seek, sessionId } = await pair();
      const atSpecialist = collect<Message>(spec.socket, 'message:new');
      const atSeeker = collect<Message>(seek.socket, 'message:new');
      const acks = [];
      for (let i = 1; i <= 5; i++) acks.push(await send(i % 2 ? seek.socket : spec.socket, sessionId, `m${i}`));
      expect(acks.map((a) => a.message.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(acks[0]!.message).toMatchObject({ sessionId, sender: 'seeker', text: 'm1', redacted: false });
      await expect.poll(() => atSpecialist.length).toBe(5);
      await expect.poll(() => atSeeker.length).toBe(5);
      expect(atSpecialist.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(atSeeker.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
      expect((await t.app.backends.history.after(sessionId, 0)).map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    });

    it('[CH1] keeps one order for both sides when both write at the same time', async () => {
      const { spec, seek, sessionId } = await pair();
      const atSpecialist = collect<Message>(spec.socket, 'message:new');
      const atSeeker = collect<Message>(seek.socket, 'message:new');
      const sent = await Promise.all(
        Array.from({ length: 20 }, (_, i) => send(i % 2 ? spec.socket : seek.socket, sessionId, `both-${i}`)),
      );
      expect(sent.map((s) => s.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await expect.poll(() => atSpecialist.length).toBe(20);
      await expect.poll(() => atSeeker.length).toBe(20);
      expect(atSpecialist.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(atSeeker.map((m) => m.id)).toEqual(atSpecialist.map((m) => m.id));
    });

    it('[CH3] a retried clientMsgId is stored and delivered once', async () => {
      const { spec, seek, sessionId } = await pair();
      const atSpecialist = collect<Message>(spec.socket, 'message:new');
      const first = await send(seek.socket, sessionId, 'hello', 'same-id');
      const retry = await send(seek.socket, sessionId, 'hello', 'same-id');
      expect(retry.message).toEqual(first.message);
      await send(seek.socket, sessionId, 'after', 'other-id');
      await expect.poll(() => atSpecialist.map((m) => m.text)).toEqual(['hello', 'after']);
    });

    it('[CH5] answers NOT_FOUND to anyone outside the session, whether or not it exists', async () => {
      const { sessionId } = await pair();
      const outsider = await seeker();
      const otherSpec = await specialist([topic()]);
      for (const socket of [outsider.socket, otherSpec.socket]) {
        for (const id of [sessionId, randomUUID()]) {
          const res = await ack(socket, 'message:send', { sessionId: id, clientMsgId: 'x', text: 'let me in' });
          expect(res).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Chat not found' } });
          expect(await ack(socket, 'chat:resume', { sessionId: id, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
          expect(await ack(socket, 'chat:end', { sessionId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
          expect(await ack(socket, 'typing', { sessionId: id, typing: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        }
      }
      expect((await t.app.backends.history.after(sessionId, 0)).map((m) => m.text)).not.toContain('let me in');
    });

    it('[CH5] [PRIV5] a specialist who transferred a chat can no longer read, write or hear it', async () => {
      const { tp, spec, seek, sessionId } = await pair();
      const heard = collect<Message>(spec.socket, 'message:new');
      const requeued = waitFor(seek.socket, 'chat:requeued');
      await ok(spec.socket, 'chat:transfer', { sessionId });
      await requeued;
      const rematched = waitFor(seek.socket, 'chat:matched');
      const next = await specialist([tp]);
      const nextHears = waitFor<Message>(next.socket, 'message:new');
      await rematched;
      await send(seek.socket, sessionId, 'for the new specialist only');
      expect((await nextHears).text).toBe('for the new specialist only');
      expect(heard).toEqual([]);
      expect(await ack(spec.socket, 'chat:resume', { sessionId, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await ack(spec.socket, 'message:send', { sessionId, clientMsgId: 'old', text: 'still here?' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('[CH6] either side ends at once for both; later sends get CONFLICT', async () => {
      const { spec, seek, sessionId } = await pair();
      const atSpecialist = waitFor<{ sessionId: string; endedBy: string }>(spec.socket, 'chat:ended');
      const atSeeker = waitFor<{ endedBy: string }>(seek.socket, 'chat:ended');
      await ok(seek.socket, 'chat:end', { sessionId });
      expect(await atSpecialist).toMatchObject({ sessionId, endedBy: 'seeker' });
      expect((await atSeeker).endedBy).toBe('seeker');
      const late = await ack(spec.socket, 'message:send', { sessionId, clientMsgId: 'late', text: 'wait' });
      expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      // Ending it again, from either side: CONFLICT, not NOT_FOUND (both took part in it).
      expect(await ack(spec.socket, 'chat:end', { sessionId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await ack(seek.socket, 'chat:end', { sessionId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      await ok(seek.socket, 'chat:rate', { sessionId, rating: 5 });
    });

    it('[SEC2] limits messages per identity and says so, without dropping the connection', async () => {
      const { seek, sessionId } = await pair();
      const results = [];
      for (let i = 0; i < 21; i++) results.push(await ack(seek.socket, 'message:send', { sessionId, clientMsgId: `flood-${i}`, text: `flood ${i}` }));
      expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
      expect(results[20]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(seek.socket.connected).toBe(true);
    });

    it('typing is relayed to the other side and never stored', async () => {
      const { spec, seek, sessionId } = await pair();
      const typing = waitFor<{ sessionId: string; sender: string; typing: boolean }>(spec.socket, 'typing', (e) => e.sender === 'seeker');
      seek.socket.emit('typing', { sessionId, typing: true });
      expect(await typing).toEqual({ sessionId, sender: 'seeker', typing: true });
      expect(await t.app.backends.history.after(sessionId, 0)).toEqual([]);
    });

    it('[SEC1] a bad payload gets VALIDATION and the socket stays up', async () => {
      const { seek, sessionId } = await pair();
      for (const [event, payload] of [
        ['message:send', { sessionId, text: 'no client id' }],
        ['message:send', { sessionId, clientMsgId: 'x', text: 'x'.repeat(4001) }],
        ['chat:rate', { sessionId, rating: 9 }],
        ['chat:resume', { sessionId, afterSeq: -1 }],
        ['chat:request', 'not an object'],
      ] as const) {
        expect(await ack(seek.socket, event, payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
      expect(seek.socket.connected).toBe(true);
      expect((await send(seek.socket, sessionId, 'still fine')).message.seq).toBe(1);
    });

    it('[SEC1] chat:request takes only a topic id of GET /topics and a language of LANGUAGES; free text is VALIDATION', async () => {
      const tp = topic();
      const spec = await specialist([tp]);
      const seek = track(await newSeeker(t.app, t.url));
      for (const payload of [{ topic: 'jane@x.org' }, { topic: 'Anxiety and stress' }, { language: '+1 415 555 0199' }, { topic: tp, language: 'xx' }]) {
        expect(await ack(seek.socket, 'chat:request', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
      const assigned = waitFor<{ topic: string }>(spec.socket, 'chat:assigned');
      await ok(seek.socket, 'chat:request', { topic: tp, language: 'EN' });
      expect((await assigned).topic).toBe(tp);
      expect(seek.socket.connected).toBe(true);
    });

    it('[SEC5] checks roles: specialists cannot queue as seekers, seekers cannot take shifts or transfer', async () => {
      const { spec, seek, sessionId } = await pair();
      expect(await ack(spec.socket, 'chat:request', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ack(seek.socket, 'shift:start', { capacity: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ack(seek.socket, 'chat:transfer', { sessionId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });

  describe('reconnects and grace periods', () => {
    it('[CH4] after a reconnect, chat:resume returns what was missed and the chat flows again', async () => {
      const { spec, seek, sessionId } = await pair();
      await send(seek.socket, sessionId, 'before');
      seek.socket.close();
      await send(spec.socket, sessionId, 'while away 1');
      await send(spec.socket, sessionId, 'while away 2');
      const back = await connectSocket(t.url, { token: seek.token });
      sockets.push(back);
      const resumed = await ok<{ session: { id: string; status: string }; messages: Message[] }>(back, 'chat:resume', { sessionId, afterSeq: 1 });
      expect(resumed.session).toMatchObject({ id: sessionId, status: 'active' });
      expect(resumed.messages.map((m) => [m.seq, m.text])).toEqual([[2, 'while away 1'], [3, 'while away 2']]);
      const next = waitFor<Message>(back, 'message:new');
      await send(spec.socket, sessionId, 'welcome back');
      expect((await next).seq).toBe(4);
    });

    it('[CH4] a specialist connecting again learns its live chats (chat:restore) and its shift', async () => {
      const { tp, spec, seek, sessionId } = await pair();
      const again: TestSocket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false, extraHeaders: { cookie: spec.cookie } });
      sockets.push(again);
      const restore = waitFor<{ chats: unknown[] }>(again, 'chat:restore');
      const shift = waitFor(again, 'shift:update');
      again.connect();
      expect((await restore).chats).toEqual([{ sessionId, topic: tp, seekerAlias: seek.alias, matchedAt: expect.any(String) }]);
      expect(await shift).toEqual({ onShift: true, capacity: 1, active: 1 });
      const resumed = await ok<{ messages: Message[] }>(again, 'chat:resume', { sessionId, afterSeq: 0 });
      expect(resumed.messages).toEqual([]);
      const next = waitFor<Message>(again, 'message:new');
      await send(seek.socket, sessionId, 'still there?');
      expect((await next).text).toBe('still there?');
    });

    it('[CH7] the specialist sees "reconnecting"; after the grace period the chat ends by system', async () => {
      const { spec, seek, sessionId } = await pair();
      const reconnecting = waitFor<{ peer: string }>(spec.socket, 'chat:peer', (p) => p.peer === 'reconnecting');
      const ended = waitFor<{ sessionId: string; endedBy: string; reason: string }>(spec.socket, 'chat:ended');
      seek.socket.close();
      expect((await reconnecting).peer).toBe('reconnecting');
      expect(await ended).toMatchObject({ sessionId, endedBy: 'system', reason: 'seeker_disconnected' });
    });

    it('[CH7] a seeker back within the grace period keeps the chat', async () => {
      const { spec, seek, sessionId } = await pair();
      const connectedAgain = waitFor<{ peer: string }>(spec.socket, 'chat:peer', (p) => p.peer === 'connected');
      const reconnecting = waitFor<{ peer: string }>(spec.socket, 'chat:peer', (p) => p.peer === 'reconnecting');
      seek.socket.close();
      await reconnecting;
      const back = await connectSocket(t.url, { token: seek.token });
      sockets.push(back);
      await connectedAgain;
      const got = waitFor<Message>(back, 'message:new');
      await send(spec.socket, sessionId, 'glad you are back');
      expect((await got).text).toBe('glad you are back');
      expect((await t.app.backends.matches.get(sessionId))?.status).toBe('active');
    });

    it('[UX5] the specialist is told the seeker went offline, with the time they have to come back, and that they are back', async () => {
      const { spec, seek, sessionId } = await pair();
      const reconnecting = waitFor<{ sessionId: string; peer: string; graceSeconds?: number }>(spec.socket, 'chat:peer', (p) => p.peer === 'reconnecting');
      seek.socket.close();
      expect(await reconnecting).toEqual({ sessionId, peer: 'reconnecting', graceSeconds: Number(GRACE.CHAT_RECONNECT_GRACE_S) });
      const connected = waitFor<{ sessionId: string; peer: string }>(spec.socket, 'chat:peer', (p) => p.peer === 'connected');
      sockets.push(await connectSocket(t.url, { token: seek.token }));
      expect(await connected).toEqual({ sessionId, peer: 'connected' });
    });

    it('[CH7] the specialist hears the seeker is back only once the new connection is in the chat', async () => {
      const { spec, seek, sessionId } = await pair();
      const reconnecting = waitFor<{ peer: string }>(spec.socket, 'chat:peer', (p) => p.peer === 'reconnecting');
      seek.socket.close();
      await reconnecting;
      // The seeker's sockets in the chat's room on the server, at the moment the specialist is told.
      const seekerInRoom = () => {
        const nsp = t.app.io.of('/');
        return [...(nsp.adapter.rooms.get(sessionRoom(sessionId)) ?? [])].some((id) => nsp.sockets.get(id)?.data.identity.kind === 'seeker');
      };
      const events = t.app.chat.context.events;
      const toStaff = events.toStaff;
      let inRoomWhenTold: boolean | undefined;
      events.toStaff = ((staffId: string, event: string, ...args: [{ peer?: string }]) => {
        if (event === 'chat:peer' && args[0].peer === 'connected') inRoomWhenTold ??= seekerInRoom();
        return (toStaff as (...a: unknown[]) => void)(staffId, event, ...args);
      }) as typeof toStaff;
      try {
        const told = waitFor<{ peer: string }>(spec.socket, 'chat:peer', (p) => p.peer === 'connected');
        const back = await connectSocket(t.url, { token: seek.token });
        sockets.push(back);
        await told;
        expect(inRoomWhenTold).toBe(true);
      } finally {
        events.toStaff = toStaff;
      }
    });

    it('[CH7] [MQ6] a specialist gone past their grace period: the seeker is re-queued at the front', async () => {
      const { tp, spec, seek, sessionId } = await pair();
      const requeued = waitFor<{ sessionId: string; position: number; reason: string }>(seek.socket, 'chat:requeued');
      spec.socket.close();
      const event = await requeued;
      expect(event).toMatchObject({ sessionId, reason: 'specialist_disconnected' });
      expect(event.position).toBeGreaterThanOrEqual(1);
      const [now, newcomer] = await places(sessionId, await fresh(tp));
      expect(now).toBeGreaterThanOrEqual(1);
      expect(now!).toBeLessThan(newcomer!);
      const matched = waitFor<{ sessionId: string }>(seek.socket, 'chat:matched');
      await specialist([tp]);
      expect((await matched).sessionId).toBe(sessionId);
    });

    it('[CH8] a waiting seeker keeps their place through a short disconnect, and expires after the grace period', async () => {
      const tp = topic();
      const seek = await seeker();
      const { sessionId } = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic: tp });
      const behind = await fresh(tp);
      seek.socket.close();
      const back = await connectSocket(t.url, { token: seek.token });
      sockets.push(back);
      const again = await ok<{ sessionId: string; position: number }>(back, 'chat:request', { topic: tp });
      expect(again.sessionId).toBe(sessionId);
      expect(again.position).toBeGreaterThanOrEqual(1);
      const [now, later] = await places(sessionId, behind);
      expect(now).toBeGreaterThanOrEqual(1);
      expect(now!).toBeLessThan(later!);
      back.close();
      await expect.poll(async () => (await t.app.backends.matches.get(sessionId))?.status, { timeout: 10_000 }).toBe('ended');
      expect((await t.app.backends.matches.get(sessionId))?.endReason).toBe('expired');
    });
  });

  it('[OPS2] exposes queue, chat and moderation metrics', async () => {
    await pair();
    const text = (await t.app.inject('/metrics')).body;
    for (const name of ['peerline_queue_waiting', 'peerline_active_sessions', 'peerline_queue_wait_seconds_bucket', 'peerline_match_decision_seconds_bucket', 'peerline_matches_total', 'peerline_message_delivery_seconds_bucket']) {
      expect(text).toContain(name);
    }
    expect(Number(/peerline_active_sessions (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    // Observations are buffered on the hot path and handed over at scrape time: the match is counted.
    expect(Number(/peerline_match_decision_seconds_count (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/peerline_queue_wait_seconds_count (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('[PRIV1] keeps session metadata in the database, and no message text', async () => {
    const { spec, seek, sessionId } = await pair();
    const secret = `secret-text-${randomUUID()}`;
    await send(seek.socket, sessionId, secret);
    await send(spec.socket, sessionId, `reply ${secret}`);
    await ok(seek.socket, 'chat:end', { sessionId });
    await ok(seek.socket, 'chat:rate', { sessionId, rating: 4 });
    await t.app.chat.context.metadata.flush();
    await expect
      .poll(async () => (await t.app.backends.db.query<{ rating: number }>('SELECT rating FROM chat_sessions WHERE id = $1', [sessionId])).rows[0]?.rating)
      .toBe(4);
    const { rows } = await t.app.backends.db.query<Record<string, unknown>>('SELECT * FROM chat_sessions WHERE id = $1', [sessionId]);
    expect(rows[0]).toMatchObject({ seeker_messages: 1, specialist_messages: 1, ended_by: 'seeker', specialist_id: spec.id });
    const dump = JSON.stringify((await t.app.backends.db.query('SELECT * FROM chat_sessions')).rows);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(seek.alias);
  });
});

describe.each(backendKinds())('queue positions on %s backends', (kind) => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });
  const seeker = async () => {
    const s = await newSeeker(t.app, t.url);
    sockets.push(s.socket);
    return s;
  };
  const topic = testTopic;
  /** Two seekers on a new topic, the first of them waiting; the second's request can only come later. */
  const oneWaiting = async () => {
    const tp = topic();
    const [first, second] = [await seeker(), await seeker()];
    const ahead = await ok<{ sessionId: string; position: number }>(first.socket, 'chat:request', { topic: tp });
    // Arrival order is by millisecond: make sure the second request really comes later.
    const firstAt = Date.now();
    await expect.poll(() => Date.now()).toBeGreaterThan(firstAt);
    return { tp, first, second, ahead };
  };

  it('[MQ7] tells a seeker their place at most once a second, the acknowledgement included', async () => {
      const { tp, first, second, ahead } = await oneWaiting();
      const askedAt = Date.now();
      const behind = await ok<{ sessionId: string; position: number }>(second.socket, 'chat:request', { topic: tp });
      const update = waitFor<{ sessionId: string; position: number }>(second.socket, 'queue:update', (u) => u.position === ahead.position);
      // The place changes at once, but the acknowledgement told it less than a second ago.
      await ok(first.socket, 'chat:cancel', { sessionId: ahead.sessionId });
      expect((await update).sessionId).toBe(behind.sessionId);
      expect(Date.now() - askedAt).toBeGreaterThanOrEqual(1_000);
      await ok(second.socket, 'chat:cancel', { sessionId: behind.sessionId });
    });

  it('[MQ7] [P4] leaves a seeker told less than a second ago to a later tick, without reading their place', async () => {
      const { tp, first, second, ahead } = await oneWaiting();
      const reads: { at: number; sessionIds: string[] }[] = [];
      const statuses = t.app.chat.chat.queueStatuses.bind(t.app.chat.chat);
      const spy = vi.spyOn(t.app.chat.chat, 'queueStatuses').mockImplementation((sessionIds, rate) => {
        reads.push({ at: Date.now(), sessionIds: [...sessionIds] });
        return statuses(sessionIds, rate);
      });
      try {
        const askedAt = Date.now();
        const behind = await ok<{ sessionId: string; position: number }>(second.socket, 'chat:request', { topic: tp });
        const update = waitFor<{ sessionId: string; position: number }>(second.socket, 'queue:update', (u) => u.position === ahead.position);
        await ok(first.socket, 'chat:cancel', { sessionId: ahead.sessionId });
        await update;
        const readsOfBehind = reads.filter((r) => r.sessionIds.includes(behind.sessionId));
        expect(readsOfBehind.length).toBeGreaterThan(0);
        for (const r of readsOfBehind) expect(r.at - askedAt).toBeGreaterThanOrEqual(1_000);
        await ok(second.socket, 'chat:cancel', { sessionId: behind.sessionId });
      } finally {
        spy.mockRestore();
      }
    });

  it('[MQ7] pushes a new position when someone ahead leaves the queue', async () => {
      const { tp, first, second, ahead } = await oneWaiting();
      const behind = await ok<{ sessionId: string; position: number }>(second.socket, 'chat:request', { topic: tp });
      expect(behind.position).toBe(ahead.position + 1);
      const update = waitFor<{ sessionId: string; position: number }>(second.socket, 'queue:update', (u) => u.position === ahead.position);
      await ok(first.socket, 'chat:cancel', { sessionId: ahead.sessionId });
      expect((await update).sessionId).toBe(behind.sessionId);
      await ok(second.socket, 'chat:cancel', { sessionId: behind.sessionId });
    });
});
