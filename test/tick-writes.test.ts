import type { Socket as NetSocket } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterRedis, connectRedis } from '../src/backends/redis/client.js';
import { coalesceTurnWrites, coalesceTickWrites, flushTickWrites } from '../src/tick-writes.js';
import { serviceUrl } from '../src/testing/real-services.js';
import { newSeeker, newSpecialist, ok, waitFor } from '../src/testing/chat-helpers.js';
import { testTopic } from '../src/testing/topics.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

/** A sink that records each system call it would make: one entry per _write or _writev. */
function recordingSink() {
  const calls: string[][] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      done();
    },
  });
  return { sink, calls };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

/** What a real TCP socket sends from now on: one entry per system call (_write or _writev), its chunks as text. */
function systemCalls(tcp: NetSocket): string[][] {
  const calls: string[][] = [];
  const proto = Object.getPrototypeOf(tcp) as { _writev: NetSocket['_writev']; _write: NetSocket['_write'] };
  tcp._writev = function (chunks, cb) {
    calls.push(chunks.map((c) => Buffer.from(c.chunk as Buffer).toString('latin1')));
    return proto._writev!.call(this, chunks, cb);
  };
  tcp._write = function (chunk: Buffer, enc, cb) {
    calls.push([Buffer.from(chunk).toString('latin1')]);
    return proto._write.call(this, chunk, enc, cb);
  };
  return calls;
}

describe('writes made in the same tick (SPEC P1, P4)', () => {
  it('[P1] leave in one call, in order; a later tick makes its own', async () => {
    const { sink, calls } = recordingSink();
    coalesceTickWrites(sink);
    coalesceTickWrites(sink); // twice is once
    sink.write('a');
    sink.write('b');
    sink.write('c');
    await nextTick();
    sink.write('d');
    await nextTick();
    expect(calls).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('[P1] leave at once when flushed, and what is written after still waits for the end of the tick', async () => {
    const { sink, calls } = recordingSink();
    coalesceTickWrites(sink);
    sink.write('a');
    sink.write('b');
    flushTickWrites(sink);
    expect(calls).toEqual([['a', 'b']]);
    sink.write('c');
    sink.write('d');
    expect(calls).toHaveLength(1);
    await nextTick();
    flushTickWrites(sink); // holding nothing: nothing to send
    expect(calls).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

/**
 * Runs each function in a callback of its own, all in the same turn of the event loop: immediates
 * queued before a check phase all run in it, each followed by its ticks. (Zero-delay timers would
 * not do: each reads the clock when it is set, and one set a millisecond later waits a turn.)
 */
const inOneTurn = (...fns: (() => void)[]) => new Promise<void>((resolve) => {
  for (const fn of fns) setImmediate(fn);
  setImmediate(resolve);
});
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('writes made in one turn of the event loop (SPEC P1, P4)', () => {
  it('[P1] [P4] the first writing tick of a turn leaves at its end; later ticks of the turn share one call at its end', async () => {
    const turn = recordingSink();
    const tick = recordingSink();
    coalesceTurnWrites(turn.sink);
    coalesceTickWrites(tick.sink);
    const both = (text: string) => () => {
      turn.sink.write(text);
      tick.sink.write(text);
    };
    await inOneTurn(both('a'), both('b'), both('c'));
    expect(turn.calls).toEqual([['a']]); // a lone write is not delayed (P1); the rest wait for the turn
    await nextTurn();
    expect(turn.calls).toEqual([['a'], ['b', 'c']]);
    expect(tick.calls).toEqual([['a'], ['b'], ['c']]);
    // A new turn starts afresh: its first tick leaves at once again.
    await inOneTurn(both('d'));
    expect(turn.calls).toEqual([['a'], ['b', 'c'], ['d']]);
  });
});

const redisUrl = serviceUrl('REDIS_URL');

describe.skipIf(!redisUrl)('the command connection (real Redis)', () => {
  it('[P4] sends the commands of callbacks run in one turn of the loop, after the first, in one system call', async () => {
    const redis = await connectRedis(redisUrl!, 'peerline-test');
    try {
      const calls = systemCalls(redis.stream as NetSocket);
      const replies: Promise<string>[] = [];
      // As when a burst's requests are read from many client sockets in one poll.
      const ping = (text: string) => () => replies.push(redis.ping(text));
      await inOneTurn(ping('a'), ping('b'), ping('c'), ping('d'));
      expect(await Promise.all(replies)).toEqual(['a', 'b', 'c', 'd']);
      expect(calls.map((c) => c.length)).toEqual([1, 3]);
    } finally {
      redis.disconnect();
    }
  });
});

describe.skipIf(!redisUrl)("the streams adapter's reading connection (real Redis)", () => {
  it("[P1] holds its commands to the end of the tick, behind the tick's client frames", async () => {
    const publisher = adapterRedis(redisUrl!);
    // The adapter reads on a duplicate of the connection it is given (@socket.io/redis-streams-adapter).
    const reader = publisher.duplicate();
    try {
      await new Promise<void>((resolve) => reader.once('ready', () => resolve()));
      const calls = systemCalls(reader.stream as NetSocket);
      const replies = Promise.all([reader.ping('a'), reader.ping('b')]);
      expect(calls.map((c) => c.length)).toEqual([]); // nothing sent within the tick
      expect(await replies).toEqual(['a', 'b']);
      expect(calls.map((c) => c.length)).toEqual([2]); // then both in one system call
    } finally {
      reader.disconnect();
      publisher.disconnect();
    }
  });
});

describe.each(backendKinds())('a client socket on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t.app);
  });
  afterAll(async () => t?.close());

  it("[P1] [CH2] gets a message's echo and its acknowledgement in one system call", async () => {
    const tp = testTopic();
    const spec = await newSpecialist(t.app, t.url, admin, [tp]);
    await ok(spec.socket, 'shift:start', { capacity: 1, topics: [tp] });
    const seek = await newSeeker(t.app, t.url);
    const matched = waitFor(seek.socket, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic: tp });
    await matched;
    // The seeker's connection as the server holds it: engine.io's websocket → ws → the TCP socket.
    const server = [...t.app.io.of('/').sockets.values()].find((s) => s.data.identity.kind === 'seeker' && s.data.sessionId === sessionId)!;
    const tcp = (server.conn.transport as unknown as { socket: { _socket: NetSocket } }).socket._socket;
    const calls = systemCalls(tcp);
    const echo = waitFor(seek.socket, 'message:new');
    await ok(seek.socket, 'message:send', { sessionId, clientMsgId: 'one-call', text: 'hello there' });
    await echo;
    expect(calls).toHaveLength(1);
    const bytes = calls[0]!.join('');
    expect(bytes).toContain('"message:new"');
    expect(bytes).toMatch(/43\d+\[\{"ok":true/); // the acknowledgement packet
    spec.socket.close();
    seek.socket.close();
  });
});
