import { keyedHash } from '../secrets.js';
import type { SaltStore } from '../ports/salt-store.js';

const DAY_MS = 86_400_000;

/**
 * Turns a client address into a key for rate limits and bans without keeping the address:
 * HMAC with a salt that changes every UTC day and lives only in memory or Redis (PRIV2, MOD5).
 */
export class AddressHasher {
  private cached: { day: number; salt: string } | undefined;

  constructor(
    private readonly salts: SaltStore,
    private readonly now: () => number = Date.now,
  ) {}

  async hash(address: string): Promise<string> {
    const day = Math.floor(this.now() / DAY_MS);
    if (this.cached?.day !== day) this.cached = { day, salt: await this.salts.saltFor(day) };
    return keyedHash(this.cached.salt, address);
  }
}
