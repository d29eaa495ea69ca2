import type { AppendBudget } from './live-history.js';

/** The outcome of counting one attempt against a limit. */
export interface RateDecision {
  /** False once the limit for the current window is used up. */
  allowed: boolean;
  /** Milliseconds until the next attempt would be allowed (0 when allowed). */
  retryAfterMs: number;
}

/** A fixed budget of points per window, per key, shared by every node that uses the same backend. */
export interface RateLimiter {
  /** Spend one point for `key`. */
  consume(key: string): Promise<RateDecision>;
  /** Whether `key` may act now, without spending a point. */
  check(key: string): Promise<RateDecision>;
  /** Give back one point spent by `consume` (an attempt that turned out fine). */
  refund(key: string): Promise<void>;
  /** Forget `key`'s spent points. */
  reset(key: string): Promise<void>;
}

export interface RateLimiterOptions {
  /**
   * Once a key has gone over its budget, refuse it in this process until its window ends, without
   * asking the shared store: a flood costs the store one call a window, not one an attempt. Only for
   * limits nobody resets early (a `reset` or `refund` on another node does not lift it here).
   * @default false
   */
  blockWhenOver?: boolean;
}

/** Builds named limiters: `points` per `windowS` seconds. */
export type RateLimiterFactory = (name: string, points: number, windowS: number, options?: RateLimiterOptions) => RateLimiter;

/**
 * One identity's message budget (SEC2): a seeker token or a staff account, all its sockets on
 * every node spending from it. The count itself is kept by the live history, spent in the same
 * step as the append (`append`); this is what a node answers without asking it.
 */
export interface MessageBudget {
  /** The count an append of this identity's messages spends from. */
  readonly append: AppendBudget;
  /**
   * Let an attempt start, before anything is read: refused while the identity is known to be over
   * its budget (`over`), or when `append.points` attempts of its window on this node never got as
   * far as `release` (a flood at chats that are not the sender's).
   */
  admit(): RateDecision;
  /** The admitted attempt found its chat: from here the append counts it, or nothing does. */
  release(): void;
  /** The append refused: refuse on this node, without asking, for `retryAfterMs`. */
  over(retryAfterMs: number): void;
}
