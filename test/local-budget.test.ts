import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localBudgets } from '../src/backends/local-budget.js';

describe("a socket's message budget (SEC2)", () => {
  beforeEach(() => {
    // The limiter reads performance.now(): the clock moves only when the test says so.
    vi.useFakeTimers({ toFake: ['performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('[SEC2] allows `points` per window, then refuses with the wait until the window ends; the next window starts afresh', () => {
    const budget = localBudgets(3, 10)();
    const decisions = [budget.spend(), budget.spend(), budget.spend()];
    expect(decisions.every((d) => d.allowed)).toBe(true);
    vi.advanceTimersByTime(4_000);
    const refused = budget.spend();
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(6_000);
    vi.advanceTimersByTime(6_000);
    expect([budget.spend(), budget.spend(), budget.spend(), budget.spend()].map((d) => d.allowed)).toEqual([true, true, true, false]);
  });

  it('[SEC2] gives back the point of a message that was never stored, and no more than it spent', () => {
    const budget = localBudgets(1, 10)();
    expect(budget.spend().allowed).toBe(true);
    budget.refund();
    expect(budget.spend().allowed).toBe(true);
    expect(budget.spend().allowed).toBe(false);
    budget.refund();
    budget.refund();
    expect([budget.spend(), budget.spend()].map((d) => d.allowed)).toEqual([true, false]);
  });

  it('[SEC2] is one per socket: spending one budget leaves another whole', () => {
    const make = localBudgets(1, 10);
    const [a, b] = [make(), make()];
    expect(a.spend().allowed).toBe(true);
    expect(a.spend().allowed).toBe(false);
    expect(b.spend().allowed).toBe(true);
  });
});
