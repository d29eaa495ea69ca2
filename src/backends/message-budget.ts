import type { MessageBudget } from '../core/ports/rate-limiter.js';

/** What a node knows of one identity, while it knows anything. */
interface Window {
  /** `windowMs` after the attempt that opened it, or when the append said its count's window ends. */
  endsAt: number;
  /** Attempts admitted and not released: on their way, or at chats that were not the sender's. */
  unreleased: number;
  /** The append refused: every attempt is refused until `endsAt`. */
  over: boolean;
}

/**
 * A node's message budgets, `points` a `windowMs` per identity (SEC2). The count every node shares
 * is the live history's, spent by the append itself, so an allowed message costs no store call of
 * its own. What the node keeps spares the store the rest: that an identity is over until its window
 * ends (a flood is refused here, not asked about each time), and attempts that never reach an append
 * (the store never sees those). An identity with neither has no entry.
 */
export function messageBudgets(points: number, windowMs: number, now: () => number = Date.now): (identity: string) => MessageBudget {
  const windows = new Map<string, Window>();
  /** The identity's window, a fresh one if it had none or it ended; others' ended windows are dropped. */
  const current = (identity: string, t: number): Window => {
    // Kept in the order they opened, so (all of one length) the ended ones are at the front.
    for (const [key, w] of windows) {
      if (w.endsAt > t) break;
      windows.delete(key);
    }
    let w = windows.get(identity);
    if (!w || w.endsAt <= t) {
      windows.delete(identity);
      windows.set(identity, (w = { endsAt: t + windowMs, unreleased: 0, over: false }));
    }
    return w;
  };
  return (identity) => ({
    append: { key: identity, points, windowMs },
    admit() {
      const t = now();
      const w = current(identity, t);
      if (w.over || w.unreleased >= points) return { allowed: false, retryAfterMs: w.endsAt - t };
      w.unreleased++;
      return { allowed: true, retryAfterMs: 0 };
    },
    release() {
      const w = windows.get(identity);
      if (!w) return;
      if (w.unreleased > 0) w.unreleased--;
      if (w.unreleased === 0 && !w.over) windows.delete(identity);
    },
    over(retryAfterMs) {
      const t = now();
      const w = current(identity, t);
      w.over = true;
      w.endsAt = t + retryAfterMs;
    },
  });
}
