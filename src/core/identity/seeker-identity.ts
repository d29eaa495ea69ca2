import { AppError } from '../errors.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { TokenStore } from '../ports/token-store.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import { randomAlias } from './alias.js';

/** What a person refused a new chat reads; the HTTP answer carries the crisis lines with it (MOD5). */
export const BANNED_MESSAGE =
  'A new chat cannot be started from this network right now. If you are in danger or need to talk to someone now, the crisis lines shown here are free and open.';

/** An anonymous seeker, as known to the server while their token lives. */
export interface SeekerIdentity {
  seekerId: string;
  alias: string;
  /** Issued to an address under a ban (MOD5): their chats are marked for caution to specialists. */
  caution?: boolean;
}

/** PRIV3: the keyed address hash, the only link between identities, is kept at most a day. */
const ADDRESS_LINK_MAX_MS = 24 * 3_600_000;

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
    /** New identities per hour from an address under a ban (MOD5); none when not given. */
    private readonly underBan?: RateLimiter,
  ) {}

  /**
   * Issue a new identity. `addressKeys` are the client address hashed with today's and yesterday's
   * salts (never the address): the first keys the rate limit, either may carry a ban.
   */
  async issue(addressKeys: readonly string[]): Promise<IssuedSeeker> {
    const addressKey = addressKeys[0]!;
    // MOD5: an address under a ban (a shelter, a campus, a carrier's shared address) is limited,
    // not shut out: a few new identities an hour, then a clear refusal with the crisis lines.
    const banned = (await Promise.all(addressKeys.map((k) => this.tokens.get('ban', k)))).some(Boolean);
    if (banned) {
      const allowed = this.underBan ? (await this.underBan.consume(addressKey)).allowed : false;
      if (!allowed) throw new AppError('FORBIDDEN', BANNED_MESSAGE, { details: { crisisLines: true } });
    }
    const decision = await this.limiter.consume(addressKey);
    if (!decision.allowed) {
      throw new AppError('RATE_LIMITED', 'Too many new conversations from this network. Please try again in a minute.', {
        details: { retryAfterMs: decision.retryAfterMs },
      });
    }
    const token = newSecret();
    const identity: SeekerIdentity = banned ? { seekerId: newId(), alias: randomAlias(), caution: true } : { seekerId: newId(), alias: randomAlias() };
    const expiresAt = new Date(this.now() + this.ttlMs);
    const tokenHash = hashSecret(token);
    // The token's record names no address: two identities from one address share nothing in it (PRIV3).
    await this.tokens.put('seeker', tokenHash, { ...identity, expiresAt: expiresAt.toISOString() }, this.ttlMs);
    // What a moderator's ban needs, in memory or Redis: the token, as long as it lives, and the keyed
    // address hash (never the address), for at most a day (MOD5, PRIV3).
    await this.tokens.put('seeker-ref', identity.seekerId, { tokenHash }, this.ttlMs);
    await this.tokens.put('seeker-address', identity.seekerId, { addressKey }, Math.min(this.ttlMs, ADDRESS_LINK_MAX_MS));
    const { caution: _, ...issued } = identity;
    return { ...issued, token, expiresAt };
  }

  /** The identity behind a token, or null for an unknown, expired or revoked one. */
  async verify(token: string): Promise<SeekerIdentity | null> {
    if (!token || token.length > 200) return null;
    const record = await this.tokens.get('seeker', hashSecret(token));
    if (!record || typeof record.seekerId !== 'string' || typeof record.alias !== 'string') return null;
    // A ban revokes the banned token only: other people behind the same address keep theirs (MOD5).
    return record.caution === true ? { seekerId: record.seekerId, alias: record.alias, caution: true } : { seekerId: record.seekerId, alias: record.alias };
  }

  /** MOD5 ban_seeker: revoke the seeker's token and block their address hash for `blockMs` (24 h). */
  async ban(seekerId: string, blockMs = 24 * 3_600_000): Promise<boolean> {
    const [ref, address] = await Promise.all([this.tokens.take('seeker-ref', seekerId), this.tokens.take('seeker-address', seekerId)]);
    if (!ref || typeof ref.tokenHash !== 'string') return false;
    await this.tokens.delete('seeker', ref.tokenHash);
    if (typeof address?.addressKey === 'string') await this.tokens.put('ban', address.addressKey, { since: Date.now() }, blockMs);
    return true;
  }
}
