/**
 * Which identities (a seeker or a staff member) have a live connection anywhere in the cluster.
 * Entries carry an expiry that their node refreshes, so a node that dies stops counting on its own.
 */
export interface Presence {
  /** Mark connection `connectionId` of `identity` alive for `ttlMs`; returns the identity's live count. */
  add(identity: string, connectionId: string, ttlMs: number): Promise<number>;
  /** Forget a connection; returns how many live connections the identity still has. */
  remove(identity: string, connectionId: string): Promise<number>;
  /** The identity's live connections. */
  count(identity: string): Promise<number>;
  /**
   * Mark many connections alive for `ttlMs` in one step: a node's periodic refresh of its own
   * connections, as `add` of each without the counts.
   */
  refresh(connections: readonly (readonly [identity: string, connectionId: string])[], ttlMs: number): Promise<void>;
}
