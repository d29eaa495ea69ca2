import type { TokenKind, TokenRecord, TokenStore } from '../../core/ports/token-store.js';
import { ExpiringMap } from './expiring-map.js';

/** Single-node TokenStore. */
export class MemoryTokenStore implements TokenStore {
  private readonly map = new ExpiringMap<string>();

  async put(kind: TokenKind, hash: string, value: TokenRecord, ttlMs: number): Promise<void> {
    this.map.set(`${kind}:${hash}`, JSON.stringify(value), ttlMs);
  }

  async get(kind: TokenKind, hash: string): Promise<TokenRecord | null> {
    const raw = this.map.get(`${kind}:${hash}`);
    return raw === undefined ? null : (JSON.parse(raw) as TokenRecord);
  }

  async delete(kind: TokenKind, hash: string): Promise<boolean> {
    return this.map.delete(`${kind}:${hash}`);
  }

  async take(kind: TokenKind, hash: string): Promise<TokenRecord | null> {
    // No await between read and delete: one caller takes it, the rest see it gone.
    const raw = this.map.get(`${kind}:${hash}`);
    this.map.delete(`${kind}:${hash}`);
    return raw === undefined ? null : (JSON.parse(raw) as TokenRecord);
  }
}
