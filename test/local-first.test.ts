import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSeeker, newSpecialist, waitFor } from '../src/testing/chat-helpers.js';
import { serviceUrl } from '../src/testing/real-services.js';
import { testTopic } from '../src/testing/topics.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

// A single node's in-memory adapter has always delivered at once (before the acknowledgement, with
// nothing to wait for): these are about the Redis streams adapter.
const real = backendKinds().includes('real');
import { identityRoom } from '../src/transport/socket/identity.js';
import { sessionRoom } from '../src/transport/socket/room-events.js';

describe.skipIf(!real)("events to this node's own clients, with the Redis adapter", () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp('real');
    admin = await signInAdmin(t.app);
  });
  afterAll(async () => t?.close());

  it('[MQ5] [P4] a request matched at once is acknowledged first, then matched, as before', async () => {
    const topic = testTopic();
    const spec = await newSpecialist(t.app, t.url, admin, [topic]);
    const shift = waitFor(spec.socket, 'shift:update');
    await new Promise((resolve) => spec.socket.emit('shift:start', { capacity: 1, topics: [topic] }, resolve));
    await shift;
    const seek = await newSeeker(t.app, t.url);
    const seen: string[] = [];
    const matched = waitFor(seek.socket, 'chat:matched');
    seek.socket.onAny((event: string) => seen.push(event));
    await new Promise((resolve) => seek.socket.emit('chat:request', { topic }, (answer: unknown) => resolve(seen.push(`ack:${JSON.stringify(answer).includes('"ok":true')}`))));
    await matched;
    expect(seen.filter((e) => e === 'ack:true' || e === 'chat:matched')).toEqual(['ack:true', 'chat:matched']);
    seek.socket.close();
    spec.socket.close();
  });

  it('[P4] reaches a client on this node without waiting for the adapter entry to be written to Redis', async () => {
    const seek = await newSeeker(t.app, t.url);
    const identity = [...t.app.io.of('/').sockets.values()].find((s) => s.data.identity.kind === 'seeker' && s.data.identity.alias === seek.alias)!.data.identity;
    const redis = new Redis(serviceUrl('REDIS_URL')!);
    const heard = waitFor<{ n: number }>(seek.socket, 'queue:update', () => true, 1_000);
    // Writes wait (the adapter's XADD among them) until unpaused; reads go on.
    await redis.call('CLIENT', 'PAUSE', '5000', 'WRITE');
    try {
      (t.app.io.to(identityRoom(identity)).emit as (event: string, payload: unknown) => boolean)('queue:update', { n: 1 });
      expect((await heard).n).toBe(1);
    } finally {
      await redis.call('CLIENT', 'UNPAUSE');
      await redis.quit();
    }
    seek.socket.close();
  });

  it("[CH1] a message's echo to this node's clients, written outside the adapter, keeps its place behind events still held", async () => {
    const seek = await newSeeker(t.app, t.url);
    const sessionId = `s${Math.random().toString(36).slice(2, 10)}`;
    const server = [...t.app.io.of('/').sockets.values()].find((s) => s.data.identity.kind === 'seeker' && s.data.identity.alias === seek.alias)!;
    await server.join(sessionRoom(sessionId));
    const seen: string[] = [];
    seek.socket.onAny((event: string) => seen.push(event));
    const echoed = waitFor(seek.socket, 'message:new');
    const events = t.app.chat.context.events;
    const message = { id: 'm1', sessionId, sender: 'specialist' as const, text: 'hello', sentAt: new Date().toISOString(), redacted: false, seq: 1 };
    // One batch of promise callbacks: the first event waits for it to end (deliverLocallyFirst);
    // the echo, sent in the same batch, must not overtake it.
    await Promise.resolve()
      .then(() => events.toSession(sessionId, 'typing', { sessionId, sender: 'specialist', typing: true }))
      .then(() => events.toSessionHere(sessionId, 'message:new', message));
    expect(await echoed).toEqual(message);
    expect(seen).toEqual(['typing', 'message:new']);
    seek.socket.close();
  });
});
