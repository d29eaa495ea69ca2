import { describe, expect, it } from 'vitest';
import { messageBudgets } from '../src/backends/message-budget.js';

/** A node's budgets of `points` per 10 s on a clock the test moves. */
const node = (points: number) => {
  const clock = { t: 1_000_000 };
  return { clock, budgets: messageBudgets(points, 10_000, () => clock.t) };
};

// The count every node shares is the live history's (its contract suite); this is what one node
// answers without asking it.
describe("an identity's message budget on one node (SEC2)", () => {
  it('[SEC2] names the count the append spends from: the identity, its points and window', () => {
    expect(node(20).budgets('seeker:a').append).toEqual({ key: 'seeker:a', points: 20, windowMs: 10_000 });
  });

  it('[SEC2] attempts that never find their chat are cut at the budget, with the wait until the window ends; released ones and other identities are untouched', () => {
    const { clock, budgets } = node(3);
    const [tabA, tabB, other] = [budgets('seeker:a'), budgets('seeker:a'), budgets('seeker:b')];
    // Found its chat: the append counts it from here, not this node.
    expect(tabA.admit().allowed).toBe(true);
    tabA.release();
    expect([tabA.admit(), tabB.admit(), tabA.admit()].map((d) => d.allowed)).toEqual([true, true, true]);
    clock.t += 4_000;
    expect(tabB.admit()).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect(other.admit().allowed).toBe(true);
    clock.t += 6_000;
    expect(tabB.admit().allowed).toBe(true);
  });

  it('[SEC2] once the append refuses, every budget of the identity on the node refuses until the window the append named ends', () => {
    const { clock, budgets } = node(20);
    const [tabA, tabB] = [budgets('staff:s'), budgets('staff:s')];
    expect(tabA.admit().allowed).toBe(true);
    tabA.release();
    tabA.over(2_500);
    expect(tabA.admit()).toEqual({ allowed: false, retryAfterMs: 2_500 });
    clock.t += 1_000;
    expect(tabB.admit()).toEqual({ allowed: false, retryAfterMs: 1_500 });
    expect(budgets('staff:other').admit().allowed).toBe(true);
    clock.t += 1_500;
    expect(tabB.admit().allowed).toBe(true);
  });
});
