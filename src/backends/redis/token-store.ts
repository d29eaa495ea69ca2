import type { Redis } from 'ioredis';
import type { TokenKind, TokenRecord, TokenStore } from '../../core/ports/token-store.js';

/** Cluster-wide TokenStore: one string key per token hash, with a PX expiry. */
export class RedisTokenStore implements TokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async put(kind: TokenKind, hash: string, value: TokenRecord, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(kind, hash), JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async get(kind: TokenKind, hash: string): Promise<TokenRecord | null> {
    const raw = await this.redis.get(this.key(kind, hash));
    return raw === null ? null : (JSON.parse(raw) as TokenRecord);
  }

  async delete(kind: TokenKind, hash: string): Promise<boolean> {
    return (await this.redis.del(this.key(kind, hash))) > 0;
  }

  async take(kind: TokenKind, hash: string): Promise<TokenRecord | null> {
    const raw = await this.redis.getdel(this.key(kind, hash));
    return raw === null ? null : (JSON.parse(raw) as TokenRecord);
  }

  private key(kind: TokenKind, hash: string): string {
    return `${this.prefix}tok:${kind}:${hash}`;
  }
}
