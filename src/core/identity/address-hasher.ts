import { keyedHash } from '../secrets.js';
import type { SaltStore } from '../ports/salt-store.js';

const DAY_MS = 86_400_000;
const SALT_CACHE_MS = 60_000;

/** The part of an address that names one client: IPv4 as is, IPv6 by its /64 (one household or host). */
export function addressKey(address: string): string {
  const plain = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  if (!plain.includes(':')) return plain;
  const [head = '', tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Turns a client address into a key for rate limits and bans without keeping the address (PRIV2,
 * MOD5): an HMAC keyed by the server secret and a salt that changes every UTC day. The salts live in
 * memory or Redis, the secret in Postgres: with Redis alone, trying every IPv4 address against a
 * hash needs a key Redis never held; Postgres alone holds no hash.
 */
export class AddressHasher {
  private cached: { day: number; key: string; at: number } | undefined;

  constructor(
    private readonly salts: SaltStore,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async hash(address: string): Promise<string> {
    const now = this.now();
    const day = Math.floor(now / DAY_MS);
    if (this.cached?.day !== day || now - this.cached.at > SALT_CACHE_MS) this.cached = { day, key: await this.keyOf(day), at: now };
    return keyedHash(this.cached.key, addressKey(address));
  }

  private async keyOf(day: number): Promise<string> {
    return keyedHash(this.secret, await this.salts.saltFor(day));
  }

  /** Today's hash and yesterday's: a 24 h ban made late yesterday must still hold after midnight. */
  async hashes(address: string): Promise<[string, string]> {
    const yesterday = Math.floor(this.now() / DAY_MS) - 1;
    return [await this.hash(address), keyedHash(await this.keyOf(yesterday), addressKey(address))];
  }
}
