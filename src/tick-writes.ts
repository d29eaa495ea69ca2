import type { Writable } from 'node:stream';

const state = Symbol('tickWrites');

interface HeldWrites {
  write: Writable['write'];
  corked: boolean;
  /** Sends what is held once the tick ends (`'tick'`) or once this turn of the event loop has polled (`'loop'`). */
  until: 'tick' | 'loop';
}

interface TickWritable extends Writable {
  [state]: HeldWrites;
}

/** Streams holding writes until this turn of the event loop has handled everything it polled. */
const heldForLoop: TickWritable[] = [];

function releaseLoop(): void {
  for (const stream of heldForLoop.splice(0)) release(stream);
}

function write(this: TickWritable, ...args: unknown[]): boolean {
  const s = this[state];
  if (!s.corked) {
    s.corked = true;
    this.cork();
    if (s.until === 'tick') process.nextTick(release, this);
    else if (heldForLoop.push(this) === 1) setImmediate(releaseLoop);
  }
  return (s.write as (...a: unknown[]) => boolean).apply(this, args);
}

function release(stream: TickWritable): void {
  if (!stream[state].corked) return;
  stream[state].corked = false;
  stream.uncork();
}

/** Sends what `stream` holds now, instead of at the end of the tick (no-op if it holds nothing). */
export function flushTickWrites(stream: Writable): void {
  const s = stream as TickWritable;
  if (s[state]) release(s);
}

function hold(stream: Writable, until: HeldWrites['until']): void {
  const s = stream as TickWritable;
  if (s[state]) return;
  s[state] = { write: stream.write, corked: false, until };
  s.write = write as Writable['write'];
}

/**
 * Writes made to `stream` in the same tick leave in one system call: the stream is corked at the
 * first write of a tick and uncorked once the tick's callbacks and promises have run. On a client's
 * socket, a message's acknowledgement and its echo (or a request's acknowledgement and its match)
 * then share one writev. A lone write goes out as before, at the end of its tick. The functions are
 * shared: a stream costs one small object (P3).
 */
export function coalesceTickWrites(stream: Writable): void {
  hold(stream, 'tick');
}

/**
 * Writes made to `stream` in one turn of the event loop leave in one system call: corked at the
 * first write, uncorked by one `setImmediate` once the loop has handled every socket it polled.
 * On a Redis connection, the commands of every request that arrived together (a burst's thousands
 * of `chat:request`s, read from many client sockets in the same poll) then share a write, where a
 * tick covers a single socket's. An idle loop polls one event, so a lone command waits no longer
 * than its own tick.
 */
export function coalesceLoopWrites(stream: Writable): void {
  hold(stream, 'loop');
}
