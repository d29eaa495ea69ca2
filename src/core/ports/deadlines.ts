/**
 * Deadlines kept in the state backend so that they fire even when the node that set them has died:
 * any node may claim a due deadline, and each is claimed exactly once (CH7, CH8).
 */
export interface Deadlines {
  /** Set (or move) the deadline `key` to fire at `at` (epoch ms). */
  set(key: string, at: number): Promise<void>;
  /** Set the deadline only when none is pending under `key`; true when it was set. */
  setIfAbsent(key: string, at: number): Promise<boolean>;
  /** Cancel deadlines (one step for several); true when any of them was pending. */
  clear(...keys: [string, ...string[]]): Promise<boolean>;
  /**
   * Atomically lease up to `limit` deadlines due at `now`: each moves to `now + leaseMs`, so no
   * other caller gets it unless the claimer dies before `complete` (then it falls due again).
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<string[]>;
  /** Done with a claimed deadline: remove it, unless it was set anew since (its time is no longer `leasedUntil`). */
  complete(key: string, leasedUntil: number): Promise<void>;
}
