import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { script, type Script } from './scripts.js';

/** Entries one read returns at most, so a node catches up after a burst in few round trips. */
const READ_COUNT = 1000;
/** How long a read waits for an entry before it asks again (it returns at once when one comes). */
const BLOCK_MS = 5000;
/** How soon a read is tried again after Redis failed it; the connection reconnects meanwhile. */
const RETRY_MS = 500;

/** Redis's clock in ms less the window (ARGV[1]): the oldest entry id a stream may keep. */
const CUTOFF = `
local t = redis.call('TIME')
local cutoff = string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[1]))`;

// KEYS: the stream. ARGV: window ms, the entry. Adds it, and drops every entry older than the
// window, so no entry (message text among them) outlives the live-history window (PRIV1).
const ADD = `${CUTOFF}
redis.call('XADD', KEYS[1], 'MINID', cutoff, '*', 'e', ARGV[2])
return 1`;

// KEYS: streams. ARGV: window ms. The same trim for streams nothing was added to lately.
const TRIM = `${CUTOFF}
for _, key in ipairs(KEYS) do redis.call('XTRIM', key, 'MINID', cutoff) end
return 1`;

export type EntryHandler = (entry: string) => void;

export interface StreamReaderEvents {
  onError(err: unknown): void;
  /** Entries were trimmed before this node read them (it was cut off longer than the window). */
  onGap(): void;
}

/**
 * Peerline's own Redis stream between nodes (REL7): every node adds entries (versioned JSON
 * envelopes, src/protocol/node-envelope.ts) and reads all of them, in the order Redis gave them,
 * on a connection of its own. Entries older than `windowMs` are trimmed as entries are added and
 * every so often (PRIV1); `trimAlso` names other streams that hold event data (the Socket.IO
 * adapter's) for the same treatment.
 */
export class RedisEventStream {
  /** This node's id in the envelopes it writes (which node sent what, for logs and tests). */
  readonly node = randomBytes(8).toString('hex');
  private readonly add: Script;
  private readonly trimScript: Script;
  private readonly trimmed: string[];
  private reader: Redis | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly client: Redis,
    readonly key: string,
    readonly windowMs: number,
    trimAlso: string[] = [],
  ) {
    this.add = script(client, 1, ADD);
    this.trimmed = [key, ...trimAlso];
    this.trimScript = script(client, this.trimmed.length, TRIM);
  }

  /** Adds an entry on the command connection, after every command this node sent before it. */
  publish(entry: string): Promise<unknown> {
    return this.add(this.key, this.windowMs, entry);
  }

  /**
   * Drops entries older than `keepMs` (the window by default) from every stream this one trims. The
   * timer trims a period early, so no entry is ever older than the window.
   */
  trim(keepMs = this.windowMs): Promise<unknown> {
    return this.trimScript(...this.trimmed, Math.max(0, keepMs));
  }

  /**
   * Reads every entry added from now on and hands each to `onEntry`, in stream order; trims on a
   * timer. A failed read (Redis down) is reported and tried again from the same place.
   */
  async subscribe(onEntry: EntryHandler, events: StreamReaderEvents): Promise<void> {
    const [last] = await this.client.xrevrange(this.key, '+', '-', 'COUNT', 1);
    if (this.closed) return;
    // A connection that dies without a reset (a failover) is given up after a silence longer than
    // a read may block, and reconnected: otherwise XREAD would wait on it for hours.
    const reader = this.client.duplicate({ connectionName: 'peerline-events', enableOfflineQueue: true, maxRetriesPerRequest: null, socketTimeout: BLOCK_MS + 5_000 });
    reader.on('error', () => {});
    this.reader = reader;
    void this.read(reader, last?.[0] ?? '0-0', onEntry, events);
    const every = Math.max(250, Math.min(this.windowMs / 4, 30_000));
    this.timer = setInterval(() => void this.trim(this.windowMs - every).catch(events.onError), every);
    this.timer.unref();
  }

  private async read(reader: Redis, from: string, onEntry: EntryHandler, events: StreamReaderEvents): Promise<void> {
    let after = from;
    while (!this.closed) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = (await reader.xread('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', this.key, after)) as typeof reply;
      } catch (err) {
        if (this.closed) return;
        events.onError(err);
        await delay(RETRY_MS);
        if (!this.closed && (await this.trimmedPast(reader, after))) events.onGap();
        continue;
      }
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          after = id;
          const at = fields.indexOf('e');
          if (at < 0 || at % 2 !== 0) continue;
          try {
            onEntry(fields[at + 1]!);
          } catch (err) {
            events.onError(err);
          }
        }
      }
    }
  }

  /**
   * Whether entries after `after` may have been trimmed before this node read them: it was read
   * longer ago than the window, and the stream no longer holds it.
   */
  private async trimmedPast(reader: Redis, after: string): Promise<boolean> {
    if (after === '0-0' || Number(after.split('-')[0]) > Date.now() - this.windowMs) return false;
    try {
      return (await reader.xrange(this.key, after, after)).length === 0;
    } catch {
      return false;
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.reader?.disconnect();
  }
}

