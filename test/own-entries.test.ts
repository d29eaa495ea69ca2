import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterRedis } from '../src/backends/redis/client.js';
import { STREAM_ADAPTER_OPTIONS } from '../src/transport/socket/adapter-options.js';
import { skipOwnEntries } from '../src/transport/socket/own-entries.js';
import { dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';

const redisUrl = serviceUrl('REDIS_URL');

interface Message {
  uid: string;
  type: number;
  data?: { packet?: { data?: unknown[] } };
}
interface Adapter {
  uid: string;
  onMessage(message: Message, offset?: string): void;
}
type Decode = (raw: { uid: string }) => Message;

/** A node on the shared stream, with the broadcasts its adapter handled (event names). */
function node(client: Redis, stream: string) {
  const io = new Server({ adapter: createAdapter(client, { ...STREAM_ADAPTER_OPTIONS, streamName: stream, channelPrefix: stream }) });
  const adapter = io.of('/').adapter as unknown as Adapter;
  const handled: string[] = [];
  const onMessage = adapter.onMessage.bind(adapter);
  adapter.onMessage = (message, offset) => {
    if (message.type === 3) handled.push(String(message.data?.packet?.data?.[0]));
    onMessage(message, offset);
  };
  return { io, adapter, handled };
}

describe.skipIf(!redisUrl)("a node's own entries in the adapter's stream (real Redis)", () => {
  const prefix = testPrefix();
  const stream = `${prefix}socket.io`;
  const clients: Redis[] = [];
  let a: ReturnType<typeof node>;
  let b: ReturnType<typeof node>;

  beforeAll(async () => {
    clients.push(adapterRedis(redisUrl!), adapterRedis(redisUrl!));
    a = node(clients[0]!, stream);
    b = node(clients[1]!, stream);
    // Each reads the stream once it has heard the other (a reader starts at the stream's end).
    for (const [from, to] of [[a, b], [b, a]] as const) {
      while (!to.handled.includes('hello')) {
        from.io.emit('hello');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  afterAll(async () => {
    for (const n of [a, b]) await n?.io.of('/').adapter.close();
    await dropPrefix(redisUrl!, prefix);
    for (const client of clients) await client.quit().catch(() => undefined);
  });

  it("[P1] [P4] are dropped before decoding; the other node's still reach the adapter", async () => {
    const cls = a.adapter.constructor as unknown as { decode: Decode };
    const decode = cls.decode;
    const decoded: string[] = [];
    cls.decode = (raw) => {
      const message = decode(raw);
      if (message.type === 3) decoded.push(String(message.data?.packet?.data?.[0]));
      return message;
    };
    try {
      skipOwnEntries(a.adapter);
      skipOwnEntries(b.adapter);
      a.handled.length = 0;
      b.handled.length = 0;
      a.io.to('room').emit('one');
      a.io.to('room').emit('two');
      b.io.to('room').emit('three');
      await expect.poll(() => [[...a.handled].sort(), [...b.handled].sort()], { timeout: 5_000 }).toEqual([['three'], ['one', 'two']]);
      // Each entry decoded once, by the node that did not write it (it was six: both nodes, all three).
      expect(decoded.sort()).toEqual(['one', 'three', 'two']);
    } finally {
      cls.decode = decode;
    }
  });
});
