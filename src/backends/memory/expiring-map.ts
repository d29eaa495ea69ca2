/**
 * A Map whose entries expire. Expired entries are dropped when read, and swept every so many
 * writes, so memory stays bounded without timers.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  set(key: string, value: V, ttlMs: number): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    if (++this.writes % 1000 === 0) this.sweep();
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Change an entry's expiry; false when absent. */
  expire(key: string, ttlMs: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) return false;
    entry.expiresAt = this.now() + ttlMs;
    return true;
  }

  /** Set an entry that expires at `expiresAt` (epoch ms), as when restored from a snapshot. */
  setUntil(key: string, value: V, expiresAt: number): void {
    this.entries.set(key, { value, expiresAt });
  }

  /** The live entries with their expiry (epoch ms). */
  live(): { key: string; value: V; expiresAt: number }[] {
    const now = this.now();
    return [...this.entries].filter(([, e]) => e.expiresAt > now).map(([key, e]) => ({ key, value: e.value, expiresAt: e.expiresAt }));
  }

  delete(key: string): boolean {
    const had = this.get(key) !== undefined;
    this.entries.delete(key);
    return had;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
