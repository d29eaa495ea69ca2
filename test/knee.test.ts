import { describe, expect, it } from 'vitest';
import { CONFIRMING_STEPS, findKnee, sweepDone, type SweepStep } from '../load-tests/lib/knee.mjs';

// P2 itself is measured by the benchmark (`npm run bench`), never by a timed test. This proves how
// a sweep's knee is found and when a sweep stops.
const sweep = (...points: [rate: number, p99: number][]): SweepStep[] => points.map(([rate, p99]) => ({ rate, p99, achieved: rate, valid: true }));

describe('P2 knee', () => {
  it('[P2] the knee is where p99 doubles from its light-load best for good, interpolated between steps', () => {
    const k = findKnee(sweep([500, 1.6], [1000, 1.4], [2000, 2.0], [3000, 3.6], [4000, 5], [6000, 9]));
    expect(k).toMatchObject({ reached: true, valid: true, reference: 1.4 });
    expect(k.knee).toBeCloseTo(2000 + (2.8 - 2.0) / (3.6 - 2.0) * 1000, 6);
  });

  it('[P2] one step spoilt by a pause is not the knee when a later step is back below the doubling', () => {
    const k = findKnee(sweep([500, 2.4], [1000, 7.2], [2000, 4.8], [3000, 4.5], [4000, 9.9], [6000, 12]));
    expect(k.reached).toBe(true);
    expect(k.knee).toBeGreaterThan(3000);
  });

  it('[P2] given the light-load p99 measured apart, the knee is held to it, not to a sweep step that was low by luck', () => {
    const lucky = sweep([500, 2.6], [1000, 8.2], [2000, 13.8], [3000, 41.5]);
    expect(findKnee(lucky).knee).toBeLessThan(1000);
    const k = findKnee(lucky, 5.38);
    expect(k).toMatchObject({ reached: true, valid: true, reference: 5.38 });
    expect(k.knee).toBeCloseTo(1000 + (2 * 5.38 - 8.2) / (13.8 - 8.2) * 1000, 6);
    // The same reference decides when the sweep has gone far enough past the knee.
    expect(sweepDone(sweep([500, 2.6], [1000, 6], [2000, 8], [3000, 9]))).toBe(true);
    expect(sweepDone(sweep([500, 2.6], [1000, 6], [2000, 8], [3000, 9]), 5.38)).toBe(false);
  });

  it(`[P2] a sweep runs ${CONFIRMING_STEPS} steps past its knee before it stops, and at once after an invalid step`, () => {
    const spoilt = sweep([500, 2.4], [1000, 7.2], [2000, 4.8]);
    expect(sweepDone(spoilt)).toBe(false);
    expect(sweepDone([...spoilt, ...sweep([3000, 4.5])])).toBe(false);
    expect(sweepDone(sweep([500, 1.5], [1000, 1.4], [2000, 3.1], [3000, 3.3], [4000, 6]))).toBe(true);
    expect(sweepDone(sweep([500, 1.5], [1000, 1.4], [2000, 3.1], [3000, 3.3]))).toBe(false);
    expect(sweepDone([...sweep([500, 1.5]), { rate: 1000, p99: 1.2, achieved: 400, valid: false }])).toBe(true);
    // Ran away: 20 times the light-load p99.
    expect(sweepDone(sweep([500, 1.5], [1000, 1.4], [2000, 1.6], [3000, 40]))).toBe(true);
  });
});
