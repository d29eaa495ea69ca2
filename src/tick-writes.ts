import type { Writable } from 'node:stream';

const state = Symbol('tickWrites');

interface HeldWrites {
  write: Writable['write'];
  corked: boolean;
  /**
   * `'tick'`: what a tick writes leaves at its end. `'turn'`: so does what the first writing tick
   * of a turn of the event loop writes; what later ticks of that turn write waits for its end.
   */
  until: 'tick' | 'turn';
  /** (`'turn'`) Something left in this turn already: what follows waits for the turn's end. */
  sentThisTurn: boolean;
}

interface TickWritable extends Writable {
  [state]: HeldWrites;
}

/** Streams (`'turn'`) that sent in this turn of the event loop. */
const thisTurn: TickWritable[] = [];

function endTurn(): void {
  for (const stream of thisTurn.splice(0)) {
    const s = stream[state];
    if (s.corked) {
      s.corked = false;
      stream.uncork();
    }
    s.sentThisTurn = false;
  }
}

function write(this: TickWritable, ...args: unknown[]): boolean {
  const s = this[state];
  if (!s.corked) {
    s.corked = true;
    this.cork();
    // After a send in this turn, the stream is on `thisTurn`: endTurn releases it.
    if (!s.sentThisTurn) process.nextTick(release, this);
  }
  return (s.write as (...a: unknown[]) => boolean).apply(this, args);
}

function release(stream: TickWritable): void {
  const s = stream[state];
  if (!s.corked) return;
  s.corked = false;
  if (s.until === 'turn' && !s.sentThisTurn) {
    s.sentThisTurn = true;
    if (thisTurn.push(stream) === 1) setImmediate(endTurn);
  }
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
  s[state] = { write: stream.write, corked: false, until, sentThisTurn: false };
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
 * Like coalesceTickWrites, for the first tick that writes in a turn of the event loop; what later
 * ticks of the same turn write waits for the turn's end (one `setImmediate`) and leaves in one
 * system call. A lone command (a message's, P1) leaves as soon as its tick ends; under a burst, the
 * commands of every request read in one poll from many client sockets share a write where each
 * tick would make its own (P4).
 */
export function coalesceTurnWrites(stream: Writable): void {
  hold(stream, 'turn');
}
