import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newSeeker, newSpecialist, ok, waitFor, type Seeker } from '../src/testing/chat-helpers.js';
import type { TestSocket } from '../src/testing/socket-client.js';
import { testTopic } from '../src/testing/topics.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

interface Queued {
  sessionId: string;
  position: number;
  etaSeconds: number | null;
  onShift: number;
}
type QueueUpdate = Queued;

// A new app for each test: "nobody on shift" is then true at its start, whatever ran before. No
// safety sweep: every match here comes from an event (MQ5); the queue grace outlasts every test.
const ENV = { QUEUE_GRACE_S: '120', SWEEP_INTERVAL_S: '0' };

describe.each(backendKinds())('an honest queue on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  const sockets: TestSocket[] = [];
  const seeker = async (): Promise<Seeker> => {
    const s = await newSeeker(t.app, t.url);
    sockets.push(s.socket);
    return s;
  };
  const specialist = async (topics: string[]) => {
    const s = await newSpecialist(t.app, t.url, admin, topics);
    sockets.push(s.socket);
    return s;
  };
  /** A chat:request, acknowledged in a millisecond of its own: the queue orders arrivals by millisecond. */
  const request = async (s: Seeker, topic: string) => {
    const queued = await ok<Queued>(s.socket, 'chat:request', { topic });
    const at = Date.now();
    await expect.poll(() => Date.now()).toBeGreaterThan(at);
    return queued;
  };
  const session = (id: string) => t.app.chat.context.store.get(id);
  /** A seeker's socket again, with listeners attached before it connects. */
  const reconnect = (s: Seeker) => {
    const socket: TestSocket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false, auth: { token: s.token } });
    sockets.push(socket);
    return socket;
  };
  /** Close a waiting seeker's socket; resolves once the server has marked them away (no event tells it). */
  const leave = async (s: Seeker, sessionId: string) => {
    s.socket.close();
    await expect.poll(async () => (await session(sessionId))?.away, { timeout: 10_000 }).toBe(true);
  };
  const topic = testTopic;

  beforeEach(async () => {
    t = await startTestApp(kind, ENV);
    admin = await signInAdmin(t.app);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await t?.close();
  });

  it('[MQ7] with nobody on shift the acknowledgement says so and gives no ETA; a shift starting or ending is pushed though the place holds', async () => {
    const seek = await seeker();
    const askedAt = Date.now();
    const queued = await request(seek, topic());
    expect(queued).toMatchObject({ position: 1, etaSeconds: null, onShift: 0 });
    // On shift for another topic: the seeker's place does not move, the count does.
    const other = topic();
    const spec = await specialist([other]);
    const started = waitFor<QueueUpdate>(seek.socket, 'queue:update', (u) => u.onShift === 1);
    await ok(spec.socket, 'shift:start', { capacity: 1, topics: [other] });
    // Nobody matched yet in this app: too few matches to know a rate, so still no ETA.
    expect(await started).toEqual({ sessionId: queued.sessionId, position: 1, etaSeconds: null, onShift: 1 });
    expect(Date.now() - askedAt).toBeGreaterThanOrEqual(1_000);
    const ended = waitFor<QueueUpdate>(seek.socket, 'queue:update', (u) => u.onShift === 0);
    await ok(spec.socket, 'shift:end', {});
    expect(await ended).toEqual({ sessionId: queued.sessionId, position: 1, etaSeconds: null, onShift: 0 });
  });

  it('[MQ7] an ETA never rises while the place improves: place 1 never shows a longer wait than place 2 did', async () => {
    const tp = topic();
    const [x, y, z] = [await seeker(), await seeker(), await seeker()];
    const ahead = [await request(x, tp), await request(y, tp)];
    const mine = await request(z, tp);
    expect(mine.position).toBe(3);
    // The rate behind every ETA, as a shift's matches would make it: 60 matches in the window, then 6.
    const outlook = vi.spyOn(t.app.chat.chat, 'outlook').mockResolvedValue({ recentMatches: 60, onShift: 1 });
    try {
      const second = waitFor<QueueUpdate>(z.socket, 'queue:update', (u) => u.position === 2);
      await ok(x.socket, 'chat:cancel', { sessionId: ahead[0]!.sessionId });
      expect(await second).toMatchObject({ position: 2, etaSeconds: 20, onShift: 1 });
      outlook.mockResolvedValue({ recentMatches: 6, onShift: 1 });
      const first = waitFor<QueueUpdate>(z.socket, 'queue:update', (u) => u.position === 1);
      await ok(y.socket, 'chat:cancel', { sessionId: ahead[1]!.sessionId });
      // The rate fell tenfold (100 s for place 1), but place 1 is told no longer a wait than place 2 was.
      expect(await first).toMatchObject({ position: 1, etaSeconds: 20, onShift: 1 });
    } finally {
      outlook.mockRestore();
    }
  });

  it('[MQ10] a seeker who left while waiting is passed over when a shift starts; back, they are matched when capacity frees', async () => {
    const tp = topic();
    const [gone, here] = [await seeker(), await seeker()];
    const left = await request(gone, tp);
    const behind = await request(here, tp);
    expect(behind.position).toBe(left.position + 1);
    await leave(gone, left.sessionId);

    const spec = await specialist([tp]);
    const matched = waitFor<{ sessionId: string }>(here.socket, 'chat:matched');
    await ok(spec.socket, 'shift:start', { capacity: 1, topics: [tp] });
    expect((await matched).sessionId).toBe(behind.sessionId);
    // The shift's matching decision is over (it ran before the acknowledgement): they kept their place.
    expect(await session(left.sessionId)).toMatchObject({ status: 'waiting', away: true });
    expect(await t.app.chat.context.store.position(left.sessionId)).toBe(1);

    // Back while the only seat is taken: matchable again, and matched the moment it frees.
    const back = reconnect(gone);
    const theirs = waitFor<{ sessionId: string }>(back, 'chat:matched');
    back.connect();
    await expect.poll(async () => (await session(left.sessionId))?.away ?? false, { timeout: 10_000 }).toBe(false);
    expect((await session(left.sessionId))?.status).toBe('waiting');
    await ok(spec.socket, 'chat:end', { sessionId: behind.sessionId });
    expect((await theirs).sessionId).toBe(left.sessionId);
  });

  it('[MQ10] [MQ5] coming back is an event: a free specialist takes the seeker at once', async () => {
    const tp = topic();
    const gone = await seeker();
    const left = await request(gone, tp);
    await leave(gone, left.sessionId);
    const spec = await specialist([tp]);
    await ok(spec.socket, 'shift:start', { capacity: 1, topics: [tp] });
    expect((await session(left.sessionId))?.status).toBe('waiting');

    const back = reconnect(gone);
    const matched = waitFor<{ sessionId: string }>(back, 'chat:matched');
    const assigned = waitFor<{ sessionId: string }>(spec.socket, 'chat:assigned');
    back.connect();
    expect((await matched).sessionId).toBe(left.sessionId);
    expect((await assigned).sessionId).toBe(left.sessionId);
    // A switch's acknowledgement tells the count too; one match is too few for an ETA.
    const switched = await ok<Omit<Queued, 'sessionId'>>(back, 'chat:switch', { sessionId: left.sessionId });
    expect(switched).toEqual({ ok: true, position: 1, etaSeconds: null, onShift: 1 });
  });
});
