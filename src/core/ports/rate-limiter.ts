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

/** Builds named limiters: `points` per `windowS` seconds. */
export type RateLimiterFactory = (name: string, points: number, windowS: number) => RateLimiter;

/**
 * One sender's budget, kept in this process: a socket's messages (SEC2; a socket lives on one
 * node). It answers at once, with no promise to wait for, on a message's way (SPEC P1).
 */
export interface LocalBudget {
  /** Spend one point. */
  spend(): RateDecision;
  /** Give back the point of an attempt that was never carried out. */
  refund(): void;
}
