/** What a token stands for; flat JSON so every backend stores it the same way. */
export type TokenRecord = Record<string, string | number | boolean | null>;

/** Kinds of secret kept in the store; each is its own key space. */
export type TokenKind = 'seeker' | 'seeker-ref' | 'seeker-address' | 'staff-session' | 'setup' | 'ban';

/**
 * Short-lived secrets (seeker tokens, staff logins, setup tokens), looked up by a hash of the
 * secret (never the secret itself), each expiring on its own.
 */
export interface TokenStore {
  /** Store `value` under `kind`/`hash` for `ttlMs` milliseconds, replacing any earlier value. */
  put(kind: TokenKind, hash: string, value: TokenRecord, ttlMs: number): Promise<void>;
  /** The record, or null when unknown or expired. */
  get(kind: TokenKind, hash: string): Promise<TokenRecord | null>;
  /** Remove the record; true when it existed. */
  delete(kind: TokenKind, hash: string): Promise<boolean>;
  /** Remove and return the record in one atomic step, so a one-time token works once across nodes. */
  take(kind: TokenKind, hash: string): Promise<TokenRecord | null>;
}
