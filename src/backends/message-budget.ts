import type { MessageBudget, RateLimiter } from '../core/ports/rate-limiter.js';

/**
 * Message budgets on one shared limiter, keyed by identity (SEC2): every socket of a seeker token
 * or a staff account, on any node, spends from the same count. A refund that fails is dropped: the
 * sender loses one message of the window, and the message's own answer is not held up for it.
 */
export const messageBudgets =
  (limiter: RateLimiter) =>
  (identity: string): MessageBudget => ({
    spend: () => limiter.consume(identity),
    refund: () => void limiter.refund(identity).catch(() => undefined),
  });
