import type { TokenKind, TokenRecord, TokenStore } from '../../core/ports/token-store.js';
import { ExpiringMap } from './expiring-map.js';

/** A token entry as a snapshot keeps it: under the hash it is looked up by, never the secret itself. */
export interface TokenEntry {
  kind: TokenKind;
  hash: string;
  value: TokenRecord;
  /** Epoch ms. */
  expiresAt: number;
}

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

  /** Every live entry, for a snapshot. */
  dump(): TokenEntry[] {
    return this.map.live().map(({ key, value, expiresAt }) => {
      const colon = key.indexOf(':');
      return { kind: key.slice(0, colon) as TokenKind, hash: key.slice(colon + 1), value: JSON.parse(value) as TokenRecord, expiresAt };
    });
  }

  /** Put back entries of a snapshot, each expiring when it would have. */
  load(entries: readonly TokenEntry[]): void {
    for (const e of entries) this.map.setUntil(`${e.kind}:${e.hash}`, JSON.stringify(e.value), e.expiresAt);
  }
}
