import type { Redis } from 'ioredis';
import { flushClientWrites } from './client-writes.js';

/** The part of an ioredis connection the streams adapter reads with. */
interface Reader {
  xread(...args: unknown[]): Promise<unknown>;
}

/**
 * The streams adapter delivers a batch of entries to this node's clients, then builds its next
 * XREAD in the same tick; their frames, held to the end of the tick (coalesceClientWrites), would
 * wait for that command, on every message's way to the other participant (SPEC P1). Here every
 * read of the adapter's reading connection (a duplicate of `client`, which the adapter makes) first
 * sends what the clients hold. Frames of one batch to one client still share a write.
 */
export function deliverBeforeReading(client: Redis): void {
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override) => {
    const copy = duplicate(override);
    const reader = copy as unknown as Reader;
    const xread = reader.xread.bind(copy);
    reader.xread = (...args) => {
      flushClientWrites();
      return xread(...args);
    };
    return copy;
  };
}
