// P1 and P2 (SPEC §7): message round trips between a seeker and a specialist on different nodes,
// Peerline against the bare Socket.IO relay on the same Redis adapter, under rising offered load.
// Each A/B pair runs one sweep on the relay, then one on Peerline; the first step of every sweep is
// P1's offered load (measured longer), the knee of each sweep is P2. Ratios are taken within a pair,
// and the median of the pairs is reported. The raw ws echo server is measured at P1's load in every
// pair too: the physical limit of a websocket round trip in Node on this machine.
import { echoTarget, peerlineTarget, relayTarget } from './lib/chat-targets.mjs';
import { findKnee, sweepDone } from './lib/knee.mjs';
import { median, medianOfValid } from './lib/stats.mjs';

export const P1_RATE = 500;
const PAIRS = 50; // live chats, 100 sockets
const GENERATORS = 2;

const settings = (quick) =>
  quick
    ? { runs: 3, p1Seconds: 2, stepSeconds: 1.5, warmup: 0.5, rates: [1000, 2000, 3000, 4000, 6000, 8000, 12000, 16000] }
    : { runs: 5, p1Seconds: 8, stepSeconds: 4, warmup: 1, rates: [1000, 1500, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 16000] };

async function sweep(target, s, log) {
  const steps = [await target.step(P1_RATE, s.p1Seconds, s.warmup)];
  for (const rate of s.rates) {
    if (sweepDone(steps)) break;
    steps.push(await target.step(rate, s.stepSeconds, s.warmup));
  }
  log(`    ${target.name.padEnd(22)} ${steps.map((x) => `${x.rate}:${x.p99.toFixed(1)}${x.valid ? '' : '!'}`).join(' ')}  (rate:p99 ms)`);
  for (const x of steps.filter((x) => !x.valid)) log(`      ! at ${x.rate}/s: generator CPU ${(x.generatorCpu * 100).toFixed(0)} %${x.errors ? `, ${x.errors} errors (${x.firstError})` : ''}: invalid`);
  return steps;
}

export async function runChatSweeps({ quick = false, log = console.log, nodeArgs = [] } = {}) {
  const s = settings(quick);
  const opts = { pairs: PAIRS, generators: GENERATORS };
  const echo = await echoTarget(opts);
  const relay = await relayTarget(opts);
  const peerline = await peerlineTarget({ ...opts, nodeArgs });
  const runs = [];
  try {
    // One short step each first, so neither side is measured before its code is warm.
    for (const t of [echo, relay, peerline]) await t.step(P1_RATE, 1, 0.5);
    for (let i = 0; i < s.runs; i++) {
      log(`  pair ${i + 1}/${s.runs}`);
      const echoStep = await echo.step(P1_RATE, s.p1Seconds, s.warmup);
      const relaySteps = await sweep(relay, s, log);
      const peerSteps = await sweep(peerline, s, log);
      runs.push({ echo: echoStep, relay: relaySteps, peerline: peerSteps, relayKnee: findKnee(relaySteps), peerlineKnee: findKnee(peerSteps) });
    }
  } finally {
    for (const t of [echo, relay, peerline]) await t.close();
  }
  return summarize(runs);
}

function summarize(runs) {
  const p1Valid = (r) => r.relay[0].valid && r.peerline[0].valid;
  const ratio = (r, q) => (p1Valid(r) ? r.peerline[0][q] / r.relay[0][q] : NaN);
  const p1 = {
    p50: { value: medianOfValid(runs.map((r) => r.peerline[0].p50)), baseline: medianOfValid(runs.map((r) => r.relay[0].p50)), ratio: medianOfValid(runs.map((r) => ratio(r, 'p50'))) },
    p99: { value: medianOfValid(runs.map((r) => r.peerline[0].p99)), baseline: medianOfValid(runs.map((r) => r.relay[0].p99)), ratio: medianOfValid(runs.map((r) => ratio(r, 'p99'))) },
    echo: { p50: median(runs.map((r) => r.echo.p50)), p99: median(runs.map((r) => r.echo.p99)) },
    validRuns: runs.filter(p1Valid).length,
    runs: runs.length,
    rate: P1_RATE,
  };
  const kneeRatio = (r) => (r.relayKnee.valid && r.peerlineKnee.valid ? r.peerlineKnee.knee / r.relayKnee.knee : NaN);
  const p2 = {
    value: medianOfValid(runs.map((r) => (r.peerlineKnee.valid ? r.peerlineKnee.knee : NaN))),
    baseline: medianOfValid(runs.map((r) => (r.relayKnee.valid ? r.relayKnee.knee : NaN))),
    ratio: medianOfValid(runs.map(kneeRatio)),
    relayKneeReached: runs.every((r) => r.relayKnee.reached),
    validRuns: runs.filter((r) => Number.isFinite(kneeRatio(r))).length,
    runs: runs.length,
  };
  return { p1, p2, series: chartSeries(runs), runs };
}

/** Per target, the median p50 and p99 at each offered rate over the runs that reached it. */
function chartSeries(runs) {
  const series = {};
  for (const name of ['relay', 'peerline']) {
    const byRate = new Map();
    for (const r of runs) for (const step of r[name]) byRate.set(step.rate, [...(byRate.get(step.rate) ?? []), step]);
    series[name] = [...byRate.entries()]
      .sort((a, b) => a[0] - b[0])
      .filter(([, steps]) => steps.length * 2 > runs.length)
      .map(([rate, steps]) => ({ rate, p50: median(steps.map((x) => x.p50)), p99: median(steps.map((x) => x.p99)) }));
  }
  return series;
}
