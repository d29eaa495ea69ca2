import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Item } from '../../client/src/shared/chat-state.js';
import { connectionReducer, connectionText, passes, refusalOf, type ConnectionEvent, type ConnectionState } from '../../client/src/shared/connection.js';
import { keepAlive } from '../../client/src/shared/liveness.js';
import { call, type PeerSocket } from '../../client/src/shared/socket.js';
import { clearIdentity, loadIdentity, saveIdentity } from '../../client/src/seeker/storage.js';
import { byUrgency, upsertOpen } from '../../client/src/moderator/flag-order.js';
import { queueText } from '../../client/src/seeker/eta.js';
import { NEUTRAL_URL, quickExit, shiftTripleDetector } from '../../client/src/seeker/quick-exit.js';
import type { Flag } from '../../src/protocol/events.js';

describe('quick exit (client)', () => {
  it('fires on the third Shift within the window, not on slower presses, repeats or other keys', () => {
    const detect = shiftTripleDetector(1_500);
    expect([detect('Shift', 0), detect('Shift', 400), detect('Shift', 800)]).toEqual([false, false, true]);
    const slow = shiftTripleDetector(1_500);
    expect([slow('Shift', 0), slow('Shift', 1_000), slow('Shift', 2_000)]).toEqual([false, false, false]);
    const held = shiftTripleDetector(1_500);
    expect([held('Shift', 0), held('Shift', 50, true), held('Shift', 100, true)]).toEqual([false, false, false]);
    const typed = shiftTripleDetector(1_500);
    expect([typed('Shift', 0), typed('Shift', 100), typed('a', 150), typed('Shift', 200)]).toEqual([false, false, false, false]);
  });

  it('blanks first, clears storage, ends the chat, then navigates, even when the server never answers', async () => {
    const steps: string[] = [];
    await quickExit(
      {
        blank: () => steps.push('blank'),
        clearStorage: () => steps.push('clear'),
        leaveChat: () => new Promise(() => steps.push('leave')),
        navigate: (url) => steps.push(`go ${url}`),
      },
      20,
    );
    expect(steps).toEqual(['blank', 'clear', 'leave', 'clear', `go ${NEUTRAL_URL}`]);
  });
});

describe('reconnect feedback (client)', () => {
  it('[UX3] goes reconnecting on a drop and online again on connect, in calm words; a kick is final', () => {
    let s: ConnectionState = { status: 'connecting' };
    s = connectionReducer(s, { type: 'connect' });
    expect(connectionText(s)).toBeNull();
    s = connectionReducer(s, { type: 'disconnect', willRetry: true });
    s = connectionReducer(s, { type: 'attempt', attempt: 3 });
    expect(s).toEqual({ status: 'reconnecting', attempt: 3 });
    expect(connectionText(s)).toBe('Connection lost — reconnecting… Your messages will be sent when you’re back.');
    expect(connectionText(s, 'You keep your place in line.')).toBe('Connection lost — reconnecting… You keep your place in line.');
    expect(connectionReducer(s, { type: 'connect' })).toEqual({ status: 'online' });
    const kicked = connectionReducer({ status: 'online' }, { type: 'disconnect', willRetry: false });
    expect(kicked.status).toBe('refused');
    expect(connectionReducer(kicked, { type: 'attempt', attempt: 2 })).toBe(kicked);
  });

  it('[UX3] an unanswered heartbeat shows the connection as lost until the next answer; a drop meanwhile stays a drop', () => {
    const stalled = connectionReducer({ status: 'online' }, { type: 'stalled' });
    expect(connectionText(stalled)).toMatch(/^Connection lost — reconnecting…/);
    expect(connectionReducer(stalled, { type: 'alive' })).toEqual({ status: 'online' });
    const dropped = connectionReducer(stalled, { type: 'disconnect', willRetry: true });
    expect(connectionReducer(dropped, { type: 'alive' })).toBe(dropped);
    expect(connectionReducer({ status: 'connecting' }, { type: 'stalled' })).toEqual({ status: 'connecting' });
  });

  it('[UX3] [SEC2] a refusal that passes (too many tabs) is said in the server\'s words and tried again; a refused login is not', () => {
    const tooMany = Object.assign(new Error('RATE_LIMITED'), { data: { code: 'RATE_LIMITED', message: 'This chat is already open in 10 tabs or devices. Close one and try again.' } });
    expect(refusalOf(tooMany)).toEqual({ code: 'RATE_LIMITED', message: 'This chat is already open in 10 tabs or devices. Close one and try again.' });
    expect(refusalOf(new Error('UNAUTHENTICATED'))).toEqual({ code: 'UNAUTHENTICATED', message: 'UNAUTHENTICATED' });
    expect(refusalOf(new Error('websocket error'))).toEqual({ message: 'websocket error' });
    expect([passes('RATE_LIMITED'), passes('UNAVAILABLE'), passes('UNAUTHENTICATED'), passes(undefined)]).toEqual([true, true, false, false]);
    const refused = connectionReducer({ status: 'connecting' }, { type: 'error', message: refusalOf(tooMany).message, code: 'RATE_LIMITED', willRetry: false, retrying: true });
    expect(connectionText(refused)).toBe('This chat is already open in 10 tabs or devices. Close one and try again. We will try again in a moment.');
  });
});

/**
 * A stand-in for a Socket.IO client socket, as much as keepAlive and call use: its events, an
 * emit with a timeout whose answers the test gives, and the engine to close.
 */
class FakeSocket {
  connected = false;
  active = true;
  readonly sent: { event: string; payload: unknown; answer: (err: Error | null, reply?: unknown) => void }[] = [];
  engineClosed = 0;
  private readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  readonly io = { engine: { close: () => void this.engineClosed++ } };
  on(event: string, fn: (...args: unknown[]) => void) {
    (this.listeners.get(event) ?? this.listeners.set(event, new Set()).get(event)!).add(fn);
    return this;
  }
  off(event: string, fn: (...args: unknown[]) => void) {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
  timeout(ms: number) {
    return {
      emit: (event: string, payload: unknown, cb: (err: Error | null, reply?: unknown) => void) => {
        let done = false;
        const answer = (err: Error | null, reply?: unknown) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          cb(err, reply);
        };
        const timer = setTimeout(() => answer(new Error('operation has timed out')), ms);
        this.sent.push({ event, payload, answer });
      },
    };
  }
  connect() {
    this.active = true;
    return this;
  }
  disconnect() {
    return this;
  }
  up() {
    this.connected = true;
    this.fire('connect');
  }
  down(reason = 'transport close') {
    this.connected = false;
    this.fire('disconnect', reason);
  }
}
const asSocket = (s: FakeSocket) => s as unknown as PeerSocket;

describe('heartbeat (client)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('[UX3] a connection that stops answering shows as lost within 4 s, comes back with the next answer, and is made again after three misses', () => {
    const socket = new FakeSocket();
    const events: ConnectionEvent[] = [];
    const stop = keepAlive(asSocket(socket), (e) => events.push(e));
    socket.up();
    vi.advanceTimersByTime(2_000);
    expect(socket.sent.map((s) => s.event)).toEqual(['heartbeat']);
    socket.sent[0]!.answer(null, { ok: true });
    // Frozen from here: the next heartbeat goes at 2 s and is missed at 4 s.
    vi.advanceTimersByTime(3_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual([{ type: 'stalled' }]);
    // At once (the next tick) another; this one is answered: alive.
    vi.advanceTimersByTime(1);
    expect(socket.sent).toHaveLength(3);
    socket.sent[2]!.answer(null, { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
    expect(events).toEqual([{ type: 'stalled' }, { type: 'alive' }]);
    // Three misses in a row (each next heartbeat a tick after the last miss): the engine is closed, and Socket.IO connects again.
    vi.advanceTimersByTime(2_000 + 2 * 2_000 + 2);
    expect(socket.engineClosed).toBe(0);
    vi.advanceTimersByTime(2_000);
    expect(socket.engineClosed).toBe(1);
    stop();
  });

  it('[UX3] the browser going offline is shown at once', () => {
    const socket = new FakeSocket();
    const events: ConnectionEvent[] = [];
    const stop = keepAlive(asSocket(socket), (e) => events.push(e));
    socket.up();
    window.dispatchEvent(new Event('offline'));
    expect(events).toEqual([{ type: 'stalled' }]);
    stop();
  });
});

describe('sending a message across a dropped connection (client)', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());
  const payload = { sessionId: 's1', clientMsgId: 'c1', text: 'hello' };

  it('[UX3] [CH3] written offline, it goes once the connection is there; lost with a drop, it goes again with the same clientMsgId until answered', async () => {
    const socket = new FakeSocket();
    const reply = call(asSocket(socket), 'message:send', payload);
    expect(socket.sent).toEqual([]);
    socket.up();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sent.map((s) => s.payload)).toEqual([payload]);
    // The connection drops before the answer: Socket.IO fails the wait at once.
    socket.down();
    socket.sent[0]!.answer(new Error('socket has been disconnected'));
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sent).toHaveLength(1);
    socket.up();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sent.map((s) => s.payload)).toEqual([payload, payload]);
    socket.sent[1]!.answer(null, { ok: true, message: { id: 'm1' } });
    expect(await reply).toEqual({ ok: true, message: { id: 'm1' } });
  });

  it('[UX3] [SEC2] waits out a refusal that passes (one tab too many): it goes once the page connects again', async () => {
    const socket = new FakeSocket();
    const reply = call(asSocket(socket), 'message:send', payload);
    socket.active = false;
    socket.fire('connect_error', Object.assign(new Error('RATE_LIMITED'), { data: { code: 'RATE_LIMITED', message: 'Too many tabs.' } }));
    await vi.advanceTimersByTimeAsync(0);
    socket.connect();
    socket.up();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sent.map((s) => s.payload)).toEqual([payload]);
    socket.sent[0]!.answer(null, { ok: true, message: { id: 'm1' } });
    expect(await reply).toEqual({ ok: true, message: { id: 'm1' } });
  });

  it('[UX3] gives up when the socket will not connect again (its token refused); other events are sent once', async () => {
    const socket = new FakeSocket();
    const reply = call(asSocket(socket), 'message:send', payload);
    socket.active = false;
    socket.fire('connect_error', new Error('UNAUTHENTICATED'));
    expect(await reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    socket.active = true;
    socket.up();
    const ended = call(asSocket(socket), 'chat:end', { sessionId: 's1' }, 100);
    await vi.advanceTimersByTimeAsync(100);
    expect(await ended).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(socket.sent.map((s) => s.event)).toEqual(['chat:end']);
  });
});

describe('what a seeker\'s tab keeps (client)', () => {
  /** sessionStorage's interface over a Map. */
  const memory = (): Storage => {
    const m = new Map<string, string>();
    return { get length() { return m.size; }, clear: () => m.clear(), getItem: (k) => m.get(k) ?? null, key: (i) => [...m.keys()][i] ?? null, removeItem: (k) => void m.delete(k), setItem: (k, v) => void m.set(k, v) };
  };
  const message = (seq: number): Item => ({ kind: 'message', message: { id: `m${seq}`, sessionId: 's1', seq, sender: 'seeker', text: `t${seq}`, sentAt: 'now', redacted: false } });

  it('[UX3] keeps the chat as shown, under one key, for a refresh; a long one keeps its last 300 items', () => {
    const storage = memory();
    const items = Array.from({ length: 320 }, (_, i) => message(i + 1));
    saveIdentity({ token: 'tok', alias: 'Quiet Heron', sessionId: 's1', chat: { view: 'chat', specialist: 'Sam', items, lastSeq: 320 } }, storage);
    expect(storage.length).toBe(1);
    const back = loadIdentity(storage)!;
    expect(back.chat?.items).toHaveLength(300);
    expect(back.chat?.items[0]).toEqual(message(21));
    expect(back.chat).toMatchObject({ view: 'chat', specialist: 'Sam', lastSeq: 320 });
    clearIdentity(storage);
    expect(loadIdentity(storage)).toBeNull();
  });

  it('reads an identity kept before transcripts were (no chat), and nothing from garbage', () => {
    const storage = memory();
    storage.setItem('peerline.seeker', JSON.stringify({ token: 'tok', alias: 'Quiet Heron', sessionId: 's1', lastSeq: 4 }));
    expect(loadIdentity(storage)).toEqual({ token: 'tok', alias: 'Quiet Heron', sessionId: 's1', lastSeq: 4, chat: undefined });
    storage.setItem('peerline.seeker', '{not json');
    expect(loadIdentity(storage)).toBeNull();
  });
});

describe('queue words (client)', () => {
  const on = (position: number | null, etaSeconds: number | null, onShift: number | null = 2) => queueText({ position, etaSeconds, onShift });

  it('[MQ7] says the place and a rounded wait', () => {
    expect(on(1, 0)).toEqual({ nobodyOnShift: false, place: 'You are next in line.', wait: 'We are connecting you as soon as someone is free.' });
    expect(on(4, 150)).toEqual({ nobodyOnShift: false, place: 'You are number 4 in line.', wait: 'Expected wait: about 3 minutes.' });
    expect(on(2, 30).wait).toBe('Expected wait: under a minute.');
  });

  it('[UX2] with nobody on shift: says so in plain words, and shows no minutes whatever the estimate', () => {
    for (const eta of [null, 0, 45, 600]) {
      const words = on(1, eta, 0);
      expect(words.nobodyOnShift).toBe(true);
      expect(words.place).toBe('You are first in line.');
      expect(`${words.place} ${words.wait}`).not.toMatch(/minute|next in line/);
    }
    expect(on(3, 600, 0).place).toBe('You are number 3 in line.');
  });

  it('[UX2] no honest estimate (null) or no place yet: no number of minutes', () => {
    expect(on(1, null).wait).not.toMatch(/\d|minute/);
    expect(on(null, 300).wait).not.toMatch(/\d|minute/);
    expect(on(null, 300).place).toBe('Finding your place in line…');
    // A server that does not send onShift yet: the estimate still shows.
    expect(on(2, 120, null).wait).toBe('Expected wait: about 2 minutes.');
  });
});

describe('moderator queue order (client)', () => {
  const flag = (id: string, severity: Flag['severity'], createdAt: string, status: Flag['status'] = 'open'): Flag => ({
    id, sessionId: 's', messageId: null, source: 'hook', severity, reason: 'r', status, excerpt: [], createdAt, resolvedAt: null, resolution: null, resolutionNote: null, crisis: false, chatLive: true, claimedBy: null,
  });
  it('puts high first, then oldest; a resolved update leaves the queue', () => {
    let open = [flag('a', 'low', '2031-01-01T00:00:00Z'), flag('b', 'high', '2031-01-01T00:00:02Z'), flag('c', 'high', '2031-01-01T00:00:01Z')].sort(byUrgency);
    expect(open.map((f) => f.id)).toEqual(['c', 'b', 'a']);
    open = upsertOpen(open, flag('d', 'medium', '2031-01-01T00:00:00Z'));
    expect(open.map((f) => f.id)).toEqual(['c', 'b', 'd', 'a']);
    open = upsertOpen(open, flag('b', 'high', '2031-01-01T00:00:02Z', 'resolved'));
    expect(open.map((f) => f.id)).toEqual(['c', 'd', 'a']);
  });
});
