/**
 * Salts for hashing client addresses. A salt is created on first use for a UTC day, shared by every
 * node, and kept only in memory or Redis (never Postgres), so yesterday's hashes cannot be linked
 * to today's once the old salt is gone (MOD5, PRIV2).
 */
export interface SaltStore {
  /** The salt of UTC day `day` (days since the epoch), created if missing; kept for about two days. */
  saltFor(day: number): Promise<string>;
}
