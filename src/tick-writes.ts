import type { Writable } from 'node:stream';

const state = Symbol('tickWrites');

interface TickWritable extends Writable {
  [state]: { write: Writable['write']; corked: boolean };
}

function write(this: TickWritable, ...args: unknown[]): boolean {
  const s = this[state];
  if (!s.corked) {
    s.corked = true;
    this.cork();
    process.nextTick(uncork, this);
  }
  return (s.write as (...a: unknown[]) => boolean).apply(this, args);
}

function uncork(stream: TickWritable): void {
  if (!stream[state].corked) return;
  stream[state].corked = false;
  stream.uncork();
}

/** Sends what `stream` holds now, instead of at the end of the tick (no-op if it holds nothing). */
export function flushTickWrites(stream: Writable): void {
  const s = stream as TickWritable;
  if (s[state]) uncork(s);
}

/**
 * Writes made to `stream` in the same tick leave in one system call: the stream is corked at the
 * first write of a tick and uncorked once the tick's callbacks and promises have run. On a client's
 * socket, a message's acknowledgement and its echo (or a request's acknowledgement and its match)
 * then share one writev; on a Redis connection, a burst's commands do. A lone write goes out as
 * before, at the end of its tick. The functions are shared: a stream costs one small object (P3).
 */
export function coalesceTickWrites(stream: Writable): void {
  const s = stream as TickWritable;
  if (s[state]) return;
  s[state] = { write: stream.write, corked: false };
  s.write = write as Writable['write'];
}
