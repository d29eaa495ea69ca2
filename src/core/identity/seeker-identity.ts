import { AppError } from '../errors.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { TokenStore } from '../ports/token-store.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import { randomAlias } from './alias.js';

/** An anonymous seeker, as known to the server while their token lives. */
export interface SeekerIdentity {
  seekerId: string;
  alias: string;
}

export interface IssuedSeeker extends SeekerIdentity {
  token: string;
  expiresAt: Date;
}

/**
 * Anonymous seeker identities (PRIV3): every token is a fresh random identity with a random alias,
 * stored only as a hash with a TTL, linked to nothing about the person.
 */
export class SeekerIdentityService {
  constructor(
    private readonly tokens: TokenStore,
    private readonly limiter: RateLimiter,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issue a new identity; `addressKey` is an already-hashed client address, used only for the rate limit. */
  async issue(addressKey: string): Promise<IssuedSeeker> {
    const decision = await this.limiter.consume(addressKey);
    if (!decision.allowed) {
      throw new AppError('RATE_LIMITED', 'Too many new conversations from this network. Please try again in a minute.', {
        details: { retryAfterMs: decision.retryAfterMs },
      });
    }
    const token = newSecret();
    const identity: SeekerIdentity = { seekerId: newId(), alias: randomAlias() };
    const expiresAt = new Date(this.now() + this.ttlMs);
    await this.tokens.put('seeker', hashSecret(token), { ...identity, expiresAt: expiresAt.toISOString() }, this.ttlMs);
    return { ...identity, token, expiresAt };
  }

  /** The identity behind a token, or null for an unknown, expired or revoked one. */
  async verify(token: string): Promise<SeekerIdentity | null> {
    if (!token || token.length > 200) return null;
    const record = await this.tokens.get('seeker', hashSecret(token));
    if (!record || typeof record.seekerId !== 'string' || typeof record.alias !== 'string') return null;
    return { seekerId: record.seekerId, alias: record.alias };
  }

  /** Revoke a token (ban, quick exit). */
  async revoke(token: string): Promise<boolean> {
    return this.tokens.delete('seeker', hashSecret(token));
  }
}
