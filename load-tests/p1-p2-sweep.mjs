// P1 and P2 (SPEC §7): message round trips between a seeker and a specialist on different nodes,
// Peerline against the bare Socket.IO relay on the same Redis adapter.
// P1 runs first, in pairs of its own: one step at P1's offered load on each target, one right after
// the other, the order turned every pair (relay first, then Peerline first...) so that neither is
// always the one measured after the other's step; its ratio is taken within each pair and the median
// of the pairs that count is reported (lib/p1-pairs.mjs: all but those with a saturated generator;
// the CPU the host stole during each step is shown beside each pair). On this shared two-core
// machine a pair's ratio varies widely, so P1 takes many short pairs rather than a few long
// ones. P2 then sweeps rising load, the relay and Peerline in turn (the order turned every pair
// too); the knee of each sweep is P2. The raw ws echo server is measured at P1's load in every
// sweep pair of the full run: the physical limit of a websocket round trip in Node on this machine.
import { echoTarget, peerlineTarget, relayTarget } from './lib/chat-targets.mjs';
import { findKnee, sweepDone } from './lib/knee.mjs';
import { pairFault, pairSteal, stepFault, summarizeP1 } from './lib/p1-pairs.mjs';
import { median, medianOfValid } from './lib/stats.mjs';

export const P1_RATE = 500;
const PAIRS = 50; // live chats, 100 sockets
const GENERATORS = 2;

const settings = (quick) =>
  quick
    ? { p1Pairs: 9, p1Seconds: 1, runs: 3, stepSeconds: 1, warmup: 0.3, echoEvery: false, rates: [1000, 2000, 3000, 4000, 6000, 8000, 12000, 16000] }
    : { p1Pairs: 15, p1Seconds: 4, runs: 5, stepSeconds: 4, warmup: 1, echoEvery: true, rates: [1000, 1500, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 16000] };

/** [name, target] in the order of pair `i`: the relay first in even pairs, Peerline first in odd ones. */
const inTurn = (i, relay, peerline) => (i % 2 ? [['peerline', peerline], ['relay', relay]] : [['relay', relay], ['peerline', peerline]]);

async function sweep(target, s, lightP99, log) {
  const steps = [await target.step(P1_RATE, s.stepSeconds, s.warmup)];
  for (const rate of s.rates) {
    if (sweepDone(steps, lightP99)) break;
    steps.push(await target.step(rate, s.stepSeconds, s.warmup));
  }
  log(`    ${target.name.padEnd(22)} ${steps.map((x) => `${x.rate}:${x.p99.toFixed(1)}${x.valid ? '' : '!'}`).join(' ')}  (rate:p99 ms; light-load p99 ${lightP99?.toFixed(2) ?? 'from the sweep'})`);
  for (const x of steps.filter((x) => !x.valid)) log(`      ! at ${x.rate}/s: ${stepFault(x)}${x.firstError ? ` (${x.firstError})` : ''}: invalid`);
  return steps;
}

export async function runChatSweeps({ quick = false, log = console.log, nodeArgs = [] } = {}) {
  const s = settings(quick);
  const opts = { pairs: PAIRS, generators: GENERATORS };
  const echo = await echoTarget(opts);
  const relay = await relayTarget(opts);
  const peerline = await peerlineTarget({ ...opts, nodeArgs });
  const p1Pairs = [];
  const runs = [];
  try {
    // One short step each first, so neither side is measured before its code is warm.
    for (const t of [echo, relay, peerline]) await t.step(P1_RATE, 1, 0.5);
    log(`  P1: ${s.p1Pairs} pairs at ${P1_RATE} msgs/s, ${s.p1Seconds} s each (p50 / p99 ms)`);
    for (let i = 0; i < s.p1Pairs; i++) {
      const steps = {};
      for (const [name, t] of inTurn(i, relay, peerline)) steps[name] = await t.step(P1_RATE, s.p1Seconds, s.warmup);
      p1Pairs.push(steps);
      const show = (x) => `${x.p50.toFixed(3)} / ${x.p99.toFixed(2)}`;
      const fault = pairFault(steps);
      const steal = pairSteal(steps);
      log(`    pair ${String(i + 1).padStart(2)}: relay ${show(steps.relay)}, Peerline ${show(steps.peerline)}, p50 ratio ${(steps.peerline.p50 / steps.relay.p50).toFixed(2)}${fault ? ` (not counted: ${fault})` : ''}${steal ? `; ${steal}` : ''}`);
    }
    // Each target's p99 at light load, the knee's reference: the median over its valid P1 steps (the
    // same load as a sweep's first step, 9-15 of them), not one step's (lib/knee.mjs); with none,
    // each sweep's own light steps.
    const lightP99 = {};
    for (const name of ['relay', 'peerline']) {
      const p99 = medianOfValid(p1Pairs.map((pair) => (pair[name].valid ? pair[name].p99 : NaN)));
      lightP99[name] = Number.isFinite(p99) ? p99 : undefined;
    }
    for (let i = 0; i < s.runs; i++) {
      log(`  P2: sweep pair ${i + 1}/${s.runs}`);
      // The echo is context, not a goal: measured in every sweep pair of the full run, once in --quick.
      const echoStep = i === 0 || s.echoEvery ? await echo.step(P1_RATE, s.p1Seconds, s.warmup) : null;
      const sweeps = {};
      for (const [name, t] of inTurn(i, relay, peerline)) sweeps[name] = await sweep(t, s, lightP99[name], log);
      const knee = (name) => findKnee(sweeps[name], lightP99[name]);
      runs.push({ echo: echoStep, relay: sweeps.relay, peerline: sweeps.peerline, relayKnee: knee('relay'), peerlineKnee: knee('peerline') });
    }
  } finally {
    for (const t of [echo, relay, peerline]) await t.close();
  }
  return summarize(p1Pairs, runs);
}

function summarize(p1Pairs, runs) {
  const echoes = runs.map((r) => r.echo).filter(Boolean);
  const steal = (x) => (Number.isFinite(x.steal) ? Number(x.steal.toFixed(3)) : null);
  const p1 = {
    ...summarizeP1(p1Pairs),
    pairs: p1Pairs.map((r) => ({ relay: { p50: r.relay.p50, p99: r.relay.p99, steal: steal(r.relay) }, peerline: { p50: r.peerline.p50, p99: r.peerline.p99, steal: steal(r.peerline) }, valid: !pairFault(r) })),
    echo: { p50: median(echoes.map((e) => e.p50)), p99: median(echoes.map((e) => e.p99)) },
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
