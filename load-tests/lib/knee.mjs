// P2's capacity knee: the offered load at which the p99 round trip has doubled from its value at
// light load, interpolated linearly between the last step below and the first step at or above.
// "Its value at light load" is, when the caller has it, the median p99 of many steps at light load
// measured apart (the benchmark passes each target's P1 steps: 9 to 15 of them at 500 msgs/s, the
// sweep's own first rate). A single 1-s step's p99 is its 5th-slowest round trip, and on this shared
// machine it moves widely for the same target within one run, so the lowest p99 of a sweep's few
// light steps (the reference when none is given) sat low by luck as often as not, which lowered the
// knee of whichever target had the lucky step. On this virtual machine an idle CPU also wakes up
// late, so the very lightest step is often slower than the next ones. The doubling must hold from
// the knee's step on: one step spoilt by a pause (a major collection, a neighbour) whose next step
// is back below does not count as the knee.

const over = (s, reference) => s.p99 >= 2 * reference || s.achieved < 0.9 * s.rate;

/** The light-load p99 that `steps[i]` on are held to: `lightP99` when given, else the lowest p99 before `i`. */
const referenceAt = (steps, i, lightP99) => lightP99 ?? Math.min(...steps.slice(0, i).map((s) => s.p99));

/**
 * `steps`: a sweep, ascending by rate, the first at light load; `lightP99`: the target's p99 at light
 * load measured apart, if known. → {knee, reference, reached, valid}:
 * `reached` false means p99 never doubled for good (the knee is above the last rate: a lower bound);
 * `valid` false means a generator saturated before the knee (the sweep says nothing).
 */
export function findKnee(steps, lightP99) {
  for (let i = 1; i < steps.length; i++) {
    const reference = referenceAt(steps, i, lightP99);
    const rest = steps.slice(i);
    if (!rest.every((s) => over(s, reference))) continue;
    const valid = steps.slice(0, i + 1).every((s) => s.valid);
    const prev = steps[i - 1];
    const s = steps[i];
    const frac = Math.min(1, Math.max(0, (2 * reference - prev.p99) / (s.p99 - prev.p99)));
    return { knee: valid ? prev.rate + frac * (s.rate - prev.rate) : NaN, reference, reached: true, valid };
  }
  const reference = referenceAt(steps, steps.length, lightP99);
  const valid = steps.every((s) => s.valid);
  return { knee: valid ? steps.at(-1).rate : NaN, reference, reached: false, valid };
}

/** Steps past the knee a sweep runs before it stops: the knee's own and two that confirm it. */
export const CONFIRMING_STEPS = 3;

/**
 * Whether a sweep can stop (`lightP99` as for findKnee): CONFIRMING_STEPS steps past the knee, or a
 * step was invalid, or p99 ran away (20 times its light-load value). Two were not enough: a 1-s
 * step's p99 is its 5th-slowest round trip at light load, so one step spoilt by a pause followed by
 * one near the doubling ended a sweep at a knee the next step would have denied, far below the
 * knees the same target's other sweeps found.
 */
export function sweepDone(steps, lightP99) {
  if (!steps.at(-1).valid) return true;
  if (steps.length <= CONFIRMING_STEPS) return false;
  const reference = referenceAt(steps, steps.length - CONFIRMING_STEPS, lightP99);
  return steps.slice(-CONFIRMING_STEPS).every((s) => over(s, reference)) || steps.at(-1).p99 > 20 * reference;
}
