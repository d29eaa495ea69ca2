import type { Histogram } from 'prom-client';

/**
 * How many observations wait before they are handed over. prom-client hashes the labels of each,
 * so a full buffer holds up the event loop for its whole hand-over: a buffer of thousands made the
 * worst pause a message met under chat load (P1 p99, P2). 256 keep each hand-over short.
 */
const FLUSH_AT = 256;

/**
 * Observations for a labelled prom-client histogram, kept in a typed array on the hot path (a
 * message's hooks) and handed to the histogram a few hundred at a time: when the buffer fills, and
 * at every scrape (call `flush` from the histogram's `collect`). prom-client hashes the labels on
 * every `observe`; here that happens off the message path.
 */
export class BatchedObserver<L extends string> {
  private readonly keys: Record<L, string>[] = [];
  private readonly which = new Uint16Array(FLUSH_AT);
  private readonly values = new Float64Array(FLUSH_AT);
  private length = 0;

  constructor(private readonly histogram: Histogram<L>) {}

  /** A new slot for one set of labels: ask once per set and keep the number. */
  slot(labels: Record<L, string>): number {
    return this.keys.push(labels) - 1;
  }

  observe(slot: number, value: number): void {
    this.which[this.length] = slot;
    this.values[this.length++] = value;
    if (this.length === FLUSH_AT) this.flush();
  }

  flush(): void {
    for (let i = 0; i < this.length; i++) this.histogram.observe(this.keys[this.which[i]!]!, this.values[i]!);
    this.length = 0;
  }
}

/** A BatchedObserver for a histogram without labels: `observe(value)`, and `flush` from its `collect`. */
export function batched(histogram: Histogram): { observe(value: number): void; flush(): void } {
  const observer = new BatchedObserver<string>(histogram);
  const slot = observer.slot({});
  return { observe: (value) => observer.observe(slot, value), flush: () => observer.flush() };
}
