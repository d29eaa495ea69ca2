// The benchmark harness (npm run bench [-- --quick] [--only P1,P4] [--cpu-prof]): SPEC §7's P1–P7,
// each as a ratio against a baseline measured in the same run on this machine, with baseline and
// Peerline runs alternating. Writes load-tests/results/latest.json and latency.svg and prints a
// table. --cpu-prof profiles the Peerline nodes of P1/P2 and P4 (results/profiles/, summarised).
// Exit code 0 only when every measured goal passes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { RESULTS } from './lib/paths.mjs';
import { ensureReady } from './lib/setup.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];
const wants = (...ids) => ids.some((id) => only.includes(id));
const profiles = join(RESULTS, 'profiles');
const nodeArgs = args.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [];
if (nodeArgs.length) rmSync(profiles, { recursive: true, force: true });
const started = performance.now();
const log = (line) => process.stdout.write(`${line}\n`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

ensureReady();
const { machine } = await import('./lib/machine.mjs');
const { entries, table } = await import('./lib/report.mjs');
const { latencyChart } = await import('./lib/svg.mjs');

const env = await machine();
log(`Peerline benchmarks${quick ? ' (quick)' : ''} on ${env.description}`);
const measured = {};
if (wants('P5')) {
  log(`P5 start-up, embedded [${elapsed()}]`);
  measured.startup = await (await import('./p5-startup.mjs')).runStartup({ quick, log });
}
if (wants('P6')) {
  log(`P6 moderation hooks [${elapsed()}]`);
  measured.moderation = await (await import('./p6-moderation.mjs')).runModeration({ quick, log });
}
if (wants('P7')) {
  log(`P7 the seeker's landing on a slow phone, median of 3 cold loads [${elapsed()}]`);
  measured.landing = await (await import('./p7-landing.mjs')).runLanding({ log });
}
if (wants('P1', 'P2')) {
  log(`P1/P2 round trips under rising load, Peerline vs the bare relay, 2 nodes each [${elapsed()}]`);
  measured.chat = await (await import('./p1-p2-sweep.mjs')).runChatSweeps({ quick, log, nodeArgs });
}
if (wants('P3')) {
  log(`P3 memory per idle seeker [${elapsed()}]`);
  measured.memory = await (await import('./p3-memory.mjs')).runMemory({ quick, log });
}
if (wants('P4')) {
  log(`P4 match burst [${elapsed()}]`);
  measured.burst = await (await import('./p4-burst.mjs')).runBurst({ quick, log, nodeArgs });
}

const results = entries(measured);
if (nodeArgs.length) {
  const summary = (await import('./lib/profile-summary.mjs')).summarizeDir(profiles);
  writeFileSync(join(profiles, 'summary.txt'), `${summary}\n`);
  log(`\nWhere Peerline's time went (load-tests/results/profiles/, summary.txt):\n${summary}`);
}
const seconds = (performance.now() - started) / 1000;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify({ ...results, run: { quick, seconds: Math.round(seconds), machine: env, loadAfter: loadavg().map((l) => l.toFixed(2)).join(' '), at: new Date().toISOString() } }, null, 2)}\n`);
if (measured.chat) {
  const knees = { peerline: measured.chat.p2.value, relay: measured.chat.p2.baseline };
  writeFileSync(join(RESULTS, 'latency.svg'), latencyChart({ series: measured.chat.series, knees, title: `Message round trip vs offered load (${env.cores} cores, median of ${measured.chat.p2.runs} sweeps)` }));
}
log('');
log(table(results));
log('');
log(`${seconds.toFixed(0)} s; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}; results in load-tests/results/latest.json${measured.chat ? ' and latency.svg' : ''}`);
const failed = Object.entries(results).filter(([, r]) => !r.pass).map(([id]) => id);
log(failed.length ? `FAIL: ${failed.join(', ')}` : 'All goals met.');
process.exit(failed.length ? 1 : 0);
