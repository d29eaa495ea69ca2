import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { coalesceClientWrites, flushClientWrites } from '../src/transport/socket/client-writes.js';
import { deliverBeforeReading } from '../src/transport/socket/deliver-before-reading.js';
import { serviceUrl } from '../src/testing/real-services.js';

/**
 * An engine.io connection as coalesceClientWrites reads it, on long-polling (so without a TCP socket
 * of its own): each flush of its packets is written to the log. (Its own file: the engine's flush is
 * taken from the first connection coalesced.)
 */
class PollingConnection {
  transport = { name: 'polling' };
  constructor(private readonly log: string[]) {}
  flush(): void {
    this.log.push('frames');
  }
  once(): this {
    return this;
  }
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('frames held to the end of the tick (SPEC P1)', () => {
  it('[P1] leave at once when flushClientWrites is called, and the end of the tick sends them no second time', async () => {
    const log: string[] = [];
    const conn = new PollingConnection(log);
    coalesceClientWrites(conn);
    conn.flush();
    conn.flush();
    expect(log).toEqual([]);
    flushClientWrites();
    expect(log).toEqual(['frames']);
    await nextTick();
    expect(log).toEqual(['frames']);
    conn.flush();
    await nextTick();
    expect(log).toEqual(['frames', 'frames']);
  });
});

const redisUrl = serviceUrl('REDIS_URL');

describe.skipIf(!redisUrl)("the streams adapter's reading connection (real Redis)", () => {
  it("[P1] sends the frames the clients hold before each XREAD, and still reads the stream", async () => {
    const stream = `test:${randomUUID()}:socket.io`;
    const client = new Redis(redisUrl!);
    deliverBeforeReading(client);
    // The adapter reads on a duplicate of the connection it is given (@socket.io/redis-streams-adapter).
    const reader = client.duplicate();
    const plain = new Redis(redisUrl!).duplicate();
    try {
      const id = await client.xadd(stream, '*', 'uid', 'other-node', 'data', '{}');
      const log: string[] = [];
      const conn = new PollingConnection(log);
      coalesceClientWrites(conn);

      conn.flush(); // a batch's delivery, held to the end of the tick
      const unwrapped = plain.xread('COUNT', 10, 'STREAMS', stream, '0');
      expect(log).toEqual([]); // a connection left as it was: the read goes first
      const read = reader.xread('COUNT', 10, 'STREAMS', stream, '0');
      expect(log).toEqual(['frames']);

      const entries = [await read, await unwrapped].map((r) => r?.[0]?.[1].map(([entryId]) => entryId));
      expect(entries).toEqual([[id], [id]]);
      await client.del(stream);
    } finally {
      reader.disconnect();
      plain.disconnect();
      client.disconnect();
    }
  });
});
