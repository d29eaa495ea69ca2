import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterRedis, connectRedis } from '../src/backends/redis/client.js';
import { RedisLiveHistory } from '../src/backends/redis/live-history.js';
import type { PeerlineIo } from '../src/transport/http/context.js';
import { STREAM_ADAPTER_OPTIONS } from '../src/transport/socket/adapter-options.js';
import { messageFanout } from '../src/transport/socket/message-fanout.js';
import { sessionRoom } from '../src/transport/socket/room-events.js';
import { dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';

const redisUrl = serviceUrl('REDIS_URL');

type Entry = [id: string, fields: string[]];
const fieldsOf = (entry: Entry) => Object.fromEntries(entry[1].flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]!]]))) as Record<string, string>;

/**
 * The history's append script publishes message:new in the adapter's own stream format (one Redis
 * round trip per message, SPEC P1). These tests hold that format to what the installed
 * @socket.io/redis-streams-adapter writes for the same emit.
 */
describe.skipIf(!redisUrl)('message fan-out from the append script (Redis streams adapter format)', () => {
  const prefix = testPrefix();
  const stream = `${prefix}socket.io`;
  let client: Redis;
  let adapterClient: Redis;
  let io: PeerlineIo;
  let history: RedisLiveHistory;

  beforeAll(async () => {
    client = await connectRedis(redisUrl!, 'fanout-test');
    adapterClient = adapterRedis(redisUrl!);
    io = new Server({ adapter: createAdapter(adapterClient, { ...STREAM_ADAPTER_OPTIONS, streamName: stream, channelPrefix: stream }) }) as PeerlineIo;
    history = new RedisLiveHistory(client, prefix);
    history.publishTo(messageFanout(io, stream, STREAM_ADAPTER_OPTIONS.maxLen));
  });
  afterAll(async () => {
    // Never attached to an HTTP server: close its adapter (stops the stream reader) rather than io.
    await io?.of('/').adapter.close();
    await dropPrefix(redisUrl!, prefix);
    await client?.quit();
    await adapterClient?.quit().catch(() => undefined);
  });

  const live = (sessionId: string, status = 'active') => client.set(`${prefix}sess:${sessionId}`, JSON.stringify({ id: sessionId, status, seekerId: 'seeker-1', specialistId: 'staff-1' }));
  const draft = (sessionId: string, clientMsgId: string, text: string) => ({ id: `m-${clientMsgId}`, sessionId, clientMsgId, sender: 'seeker' as const, text, sentAt: new Date().toISOString(), redacted: false });
  const entries = async () => (await client.xrange(stream, '-', '+')) as Entry[];

  it('[CH1] [CH2] a new message is stored and published in one step, exactly as the adapter publishes that emit', async () => {
    await live('s1');
    const before = (await entries()).length;
    const result = await history.appendIfLive(draft('s1', 'c1', 'quotes " and \\ and ünïcode ✓ stay intact'), { seekerId: 'seeker-1' });
    expect(result?.published).toBe(true);
    const afterAppend = await entries();
    expect(afterAppend).toHaveLength(before + 1);
    const ours = fieldsOf(afterAppend.at(-1)!);

    // The same emit through the adapter itself.
    io.to(sessionRoom('s1')).emit('message:new', result!.message);
    await expect.poll(async () => (await entries()).length).toBe(before + 2);
    const theirs = fieldsOf((await entries()).at(-1)!);

    expect({ uid: ours.uid, nsp: ours.nsp, type: ours.type }).toEqual({ uid: theirs.uid, nsp: theirs.nsp, type: theirs.type });
    expect(JSON.parse(ours.data!)).toEqual(JSON.parse(theirs.data!));
    expect(JSON.parse(ours.data!).packet.data[1]).toEqual({ ...result!.message, seq: 1 });
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
