import type { Deadlines } from '../../core/ports/deadlines.js';

/** Single-node Deadlines. */
export class MemoryDeadlines implements Deadlines {
  private readonly due = new Map<string, number>();

  async set(key: string, at: number) {
    this.due.set(key, at);
  }

  async setIfAbsent(key: string, at: number) {
    if (this.due.has(key)) return false;
    this.due.set(key, at);
    return true;
  }

  async clear(...keys: [string, ...string[]]) {
    let any = false;
    for (const key of keys) any = this.due.delete(key) || any;
    return any;
  }

  async claimDue(now: number, limit: number, leaseMs: number) {
    const claimed = [...this.due].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]).slice(0, limit).map(([key]) => key);
    for (const key of claimed) this.due.set(key, now + leaseMs);
    return claimed;
  }

  async complete(key: string, leasedUntil: number) {
    if (this.due.get(key) === leasedUntil) this.due.delete(key);
  }

  /** Every pending deadline, for a snapshot. */
  dump(): { key: string; at: number }[] {
    return [...this.due].map(([key, at]) => ({ key, at }));
  }

  /** Put back deadlines of a snapshot. */
  load(entries: readonly { key: string; at: number }[]): void {
    for (const { key, at } of entries) this.due.set(key, at);
  }
}
