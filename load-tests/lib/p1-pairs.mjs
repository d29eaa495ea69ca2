// P1's verdict from its pairs: the median of the per-pair ratios of the pairs that count. A pair
// counts when neither step's generator saturated or saw errors. With fewer than MIN_PAIRS that count
// there is no verdict (NaN: the goal is not met), never a median of what is left.
//
// The share of the CPU the host stole during each step is shown beside every pair, but it does not
// decide which pairs count: steal follows what a step asks for as well as what the neighbours do,
// so leaving out the pairs above a limit picks by outcome: it can drop one side's slower steps and
// flatter its median, and which side's steps show more steal changes from run to run. Leaving them
// all in keeps the median fair to both sides.
import { median, medianOfValid } from './stats.mjs';

export const MIN_PAIRS = 3;

/** Why a step does not count, or '' when it does. */
export function stepFault(step) {
  if (step.valid) return '';
  return step.errors ? `${step.errors} errors` : `generator CPU ${(step.generatorCpu * 100).toFixed(0)} %`;
}

/** Why the pair {relay, peerline} does not count, or '' when it does. */
export const pairFault = (pair) => [stepFault(pair.relay) && `relay: ${stepFault(pair.relay)}`, stepFault(pair.peerline) && `Peerline: ${stepFault(pair.peerline)}`].filter(Boolean).join('; ');

/** The host's steal during a pair's two steps, as the log shows it: `host took 3 % / 12 %`, or ''. */
export function pairSteal(pair) {
  const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : '?');
  return Number.isFinite(pair.relay.steal) || Number.isFinite(pair.peerline.steal) ? `host took ${pct(pair.relay.steal)} / ${pct(pair.peerline.steal)}` : '';
}

/**
 * `pairs`: [{relay, peerline}] of chat steps ({p50, p99, valid, steal, ...}) → p50 and p99 as
 * {value, baseline, ratio} (medians over the pairs that count), and how many counted.
 */
export function summarizeP1(pairs) {
  const counted = pairs.filter((p) => !pairFault(p));
  const enough = counted.length >= MIN_PAIRS;
  const of = (q) => ({
    value: median(counted.map((p) => p.peerline[q])),
    baseline: median(counted.map((p) => p.relay[q])),
    ratio: enough ? medianOfValid(counted.map((p) => p.peerline[q] / p.relay[q])) : NaN,
  });
  return { p50: of('p50'), p99: of('p99'), validRuns: counted.length, runs: pairs.length };
}
