/**
 * Deadlines kept in the state backend so that they fire even when the node that set them has died:
 * any node may claim a due deadline, and each is claimed exactly once (CH7, CH8).
 */
export interface Deadlines {
  /** Set (or move) the deadline `key` to fire at `at` (epoch ms). */
  set(key: string, at: number): Promise<void>;
  /** Set the deadline only when none is pending under `key`; true when it was set. */
  setIfAbsent(key: string, at: number): Promise<boolean>;
  /** Cancel a deadline; true when it was pending. */
  clear(key: string): Promise<boolean>;
  /** Atomically take up to `limit` deadlines due at `now`; no other caller gets them. */
  claimDue(now: number, limit: number): Promise<string[]>;
}
