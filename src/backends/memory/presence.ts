import type { Presence } from '../../core/ports/presence.js';

/** Single-node Presence. */
export class MemoryPresence implements Presence {
  private readonly byIdentity = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number = Date.now) {}

  async add(identity: string, connectionId: string, ttlMs: number): Promise<number> {
    this.mark(identity, connectionId, ttlMs);
    return this.live(identity);
  }

  async refresh(connections: readonly (readonly [string, string])[], ttlMs: number): Promise<void> {
    for (const [identity, connectionId] of connections) this.mark(identity, connectionId, ttlMs);
  }

  async remove(identity: string, connectionId: string): Promise<number> {
    this.byIdentity.get(identity)?.delete(connectionId);
    return this.live(identity);
  }

  async count(identity: string): Promise<number> {
    return this.live(identity);
  }

  private mark(identity: string, connectionId: string, ttlMs: number): void {
    let connections = this.byIdentity.get(identity);
    if (!connections) this.byIdentity.set(identity, (connections = new Map()));
    connections.set(connectionId, this.now() + ttlMs);
  }

  private live(identity: string): number {
    const connections = this.byIdentity.get(identity);
    if (!connections) return 0;
    const now = this.now();
    for (const [id, expiresAt] of connections) if (expiresAt <= now) connections.delete(id);
    if (connections.size === 0) this.byIdentity.delete(identity);
    return connections.size;
  }
}
