import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterRedis, connectRedis } from '../src/backends/redis/client.js';
import { RedisLiveHistory } from '../src/backends/redis/live-history.js';
import type { PeerlineIo } from '../src/transport/http/context.js';
import { STREAM_ADAPTER_OPTIONS } from '../src/transport/socket/adapter-options.js';
import { MESSAGE_ENTRY, messageFanout, readMessageEntries } from '../src/transport/socket/message-fanout.js';
import { skipOwnEntries } from '../src/transport/socket/own-entries.js';
import { sessionRoom } from '../src/transport/socket/room-events.js';
import { dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';
import { io as connectClient } from 'socket.io-client';
import { nextEvent, type TestSocket } from '../src/testing/socket-client.js';

const redisUrl = serviceUrl('REDIS_URL');

type Entry = [id: string, fields: string[]];
const fieldsOf = (entry: Entry) => Object.fromEntries(entry[1].flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]!]]))) as Record<string, string>;

/** A node as io.ts sets it up: the streams adapter, message entries read, its own entries skipped. */
async function node(client: Redis, stream: string) {
  const http: HttpServer = createServer();
  const io = new Server(http, { adapter: createAdapter(client, { ...STREAM_ADAPTER_OPTIONS, streamName: stream, channelPrefix: stream }) }) as PeerlineIo;
  readMessageEntries(io.of('/').adapter);
  skipOwnEntries(io.of('/').adapter);
  // A connection names the room it joins in its handshake.
  io.on('connection', (socket) => void socket.join(String(socket.handshake.auth.room)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

/** A client of `url` in `room`. */
async function join(url: string, room: string): Promise<TestSocket> {
  const socket = connectClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { room } }) as TestSocket;
  await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
  return socket;
}

/** Until `to` hears `from` through the stream: a node's reader starts at the stream's end. */
async function hears(from: PeerlineIo, to: PeerlineIo): Promise<void> {
  let heard = false;
  to.on('hello' as never, () => {
    heard = true;
  });
  while (!heard) {
    from.serverSideEmit('hello' as never);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The history's append script publishes message:new as an entry of the adapter's stream that holds
 * the packet already encoded (one Redis round trip per message, nothing decoded or encoded again
 * on the way; SPEC P1). These tests hold the packet to what this socket.io's own encoder writes,
 * and the delivery to what a client of another node receives.
 */
describe.skipIf(!redisUrl)('message fan-out from the append script (real Redis, two nodes)', () => {
  const prefix = testPrefix();
  const stream = `${prefix}socket.io`;
  const redisClients: Redis[] = [];
  const sockets: TestSocket[] = [];
  let client: Redis;
  let a: Awaited<ReturnType<typeof node>>;
  let b: Awaited<ReturnType<typeof node>>;
  let history: RedisLiveHistory;

  beforeAll(async () => {
    client = await connectRedis(redisUrl!, 'fanout-test');
    redisClients.push(adapterRedis(redisUrl!), adapterRedis(redisUrl!));
    a = await node(redisClients[0]!, stream);
    b = await node(redisClients[1]!, stream);
    await hears(a.io, b.io);
    await hears(b.io, a.io);
    history = new RedisLiveHistory(client, prefix);
    history.publishTo(messageFanout(a.io, stream, STREAM_ADAPTER_OPTIONS.maxLen));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const n of [a, b]) await n?.io.close();
    await dropPrefix(redisUrl!, prefix);
    await client?.quit();
    for (const c of redisClients) await c.quit().catch(() => undefined);
  });

  const live = (sessionId: string, status = 'active') => client.set(`${prefix}sess:${sessionId}`, JSON.stringify({ id: sessionId, status, seekerId: 'seeker-1', specialistId: 'staff-1' }));
  const draft = (sessionId: string, clientMsgId: string, text: string) => ({ id: `m-${clientMsgId}`, sessionId, clientMsgId, sender: 'seeker' as const, text, sentAt: new Date().toISOString(), redacted: false });
  const entries = async () => (await client.xrange(stream, '-', '+')) as Entry[];

  it('[CH1] [CH2] a new message is stored and published in one step, as the packet this server encodes for that emit', async () => {
    await live('s1');
    const before = (await entries()).length;
    const result = await history.appendIfLive(draft('s1', 'c1', 'quotes " and \\ and ünïcode ✓ stay intact'), { seekerId: 'seeker-1' });
    expect(result?.published).toBe(true);
    const after = await entries();
    expect(after).toHaveLength(before + 1);
    const entry = fieldsOf(after.at(-1)!);
    const uid = (a.io.of('/').adapter as unknown as { uid: string }).uid;
    expect(entry).toMatchObject({ uid, nsp: '/', type: MESSAGE_ENTRY, room: sessionRoom('s1') });
    expect(result!.message.seq).toBe(1);
    expect([entry.data]).toEqual(a.io.encoder.encode({ type: 2, nsp: '/', data: ['message:new', result!.message] }));
  });

  it('[CH1] a client of another node receives the messages in seq order, exactly as encoded; the writing node skips its own entries', async () => {
    await live('s3');
    const room = sessionRoom('s3');
    const onB = await join(b.url, room);
    const onA = await join(a.url, room);
    sockets.push(onB, onA);
    const heardOnB: unknown[] = [];
    const heardOnA: unknown[] = [];
    onB.on('message:new', (m) => heardOnB.push(m));
    onA.on('message:new', (m) => heardOnA.push(m));
    const first = await history.appendIfLive(draft('s3', 'c1', 'one'), { seekerId: 'seeker-1' });
    const second = await history.appendIfLive(draft('s3', 'c2', 'two'), { seekerId: 'seeker-1' });
    // An event node B sends through the stream after them: node A has read the messages' entries by then.
    const marker = nextEvent(onA, 'marker' as never);
    await expect.poll(() => heardOnB.length).toBe(2);
    (b.io.to(room).emit as (event: string) => boolean)('marker');
    await marker;
    expect(heardOnB).toEqual([first!.message, second!.message]);
    expect(heardOnB.map((m) => (m as { seq: number }).seq)).toEqual([1, 2]);
    expect(heardOnA).toEqual([]);
  });

  it('[CH3] a retried clientMsgId publishes nothing again; [CH6] a chat no longer live publishes nothing', async () => {
    await live('s2');
    await history.appendIfLive(draft('s2', 'c2', 'first'), { seekerId: 'seeker-1' });
    const count = (await entries()).length;
    const retry = await history.appendIfLive(draft('s2', 'c2', 'first'), { seekerId: 'seeker-1' });
    expect(retry).toMatchObject({ duplicate: true });
    expect(retry?.published).toBeFalsy();
    await live('s2', 'ended');
    expect(await history.appendIfLive(draft('s2', 'c3', 'too late'), { seekerId: 'seeker-1' })).toBeNull();
    expect(await history.appendIfLive(draft('s2', 'c4', 'not theirs'), { seekerId: 'someone-else' })).toBeNull();
    expect((await entries()).length).toBe(count);
  });
});
