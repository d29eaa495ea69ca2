import { describe, expect, it } from 'vitest';
import { MIN_PAIRS, pairFault, pairSteal, summarizeP1, type ChatStep } from '../load-tests/lib/p1-pairs.mjs';

// P1 itself is measured by the benchmark (`npm run bench`), never by a timed test. This proves which
// of its pairs count and the verdict it draws from them.
const step = (p50: number, over: Partial<ChatStep> = {}): ChatStep => ({ p50, p99: p50 * 4, valid: true, steal: 0.01, generatorCpu: 0.3, ...over });
const pair = (relay: number, peerline: number, over: { relay?: Partial<ChatStep>; peerline?: Partial<ChatStep> } = {}) => ({ relay: step(relay, over.relay), peerline: step(peerline, over.peerline) });

describe('P1 pairs', () => {
  it('[P1] reports the median of the per-pair ratios, not the ratio of the medians', () => {
    const s = summarizeP1([pair(1, 1.2), pair(2, 2.2), pair(1, 1.5), pair(3, 3.3), pair(1, 1.25)]);
    expect(s.p50.ratio).toBeCloseTo(1.2, 10);
    expect(s.p99.ratio).toBeCloseTo(1.2, 10);
    expect(s.p50.baseline).toBe(1);
    expect(s.p50.value).toBe(1.5);
    expect(s).toMatchObject({ validRuns: 5, runs: 5 });
  });

  it('[P1] leaves out a pair whose generator saturated or saw errors, on either side', () => {
    const pairs = [pair(1, 1.1), pair(1, 1.2), pair(1, 1.15), pair(1, 9, { peerline: { valid: false, errors: 2 } }), pair(9, 1, { relay: { valid: false, generatorCpu: 0.95 } })];
    expect(pairFault(pairs[3]!)).toBe('Peerline: 2 errors');
    expect(pairFault(pairs[4]!)).toBe('relay: generator CPU 95 %');
    expect(pairFault(pairs[0]!)).toBe('');
    const s = summarizeP1(pairs);
    expect(s.p50.ratio).toBeCloseTo(1.15, 10);
    expect(s).toMatchObject({ validRuns: 3, runs: 5 });
  });

  it('[P1] counts every pair the host stole from, on both sides alike, and shows the steal', () => {
    const pairs = [pair(1, 1.1), pair(1, 1.2, { peerline: { steal: 0.3 } }), pair(1, 1.4, { peerline: { steal: 0.3 } }), pair(1, 1.3, { relay: { steal: 0.3 } })];
    expect(pairs.map(pairFault)).toEqual(['', '', '', '']);
    expect(summarizeP1(pairs).p50.ratio).toBeCloseTo(1.25, 10);
    expect(pairSteal(pairs[1]!)).toBe('host took 1 % / 30 %');
    expect(pairSteal(pair(1, 1, { relay: { steal: NaN }, peerline: { steal: NaN } }))).toBe('');
  });

  it('[P1] gives no ratio, so no pass, with fewer pairs that count than the minimum', () => {
    const counted = Array.from({ length: MIN_PAIRS - 1 }, () => pair(1, 1));
    const saturated = Array.from({ length: 6 }, () => pair(1, 1, { relay: { valid: false, generatorCpu: 0.99 } }));
    const s = summarizeP1([...counted, ...saturated]);
    expect(s.p50.ratio).toBeNaN();
    expect(s.p99.ratio).toBeNaN();
    expect(s.validRuns).toBe(MIN_PAIRS - 1);
    expect(summarizeP1([...counted, pair(1, 1.5)]).p50.ratio).toBe(1);
  });
});
