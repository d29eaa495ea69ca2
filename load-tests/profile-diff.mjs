// Where Peerline's CPU per message goes beyond the bare relay's (a diagnostic for P1, not a SPEC §7
// measure): each target as P1 runs it (2 nodes, 50 chats across them), its nodes profiled with
// --cpu-prof, one step of steady load; only the samples taken during that step count. Prints, per
// message and over both nodes, the busy time of each, the functions whose self time differs most,
// and the inclusive time of Peerline's own functions (the message path's steps, async ones up to
// their first await and each continuation counted where it runs).
//   node load-tests/profile-diff.mjs [rate=500] [seconds=6]   → results/profile-diff/
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS } from './lib/paths.mjs';
import { ensureReady } from './lib/setup.mjs';

const rate = Number(process.argv[2] ?? 500);
const seconds = Number(process.argv[3] ?? 6);
ensureReady();
const { peerlineTarget, relayTarget } = await import('./lib/chat-targets.mjs');
const { windowTimes } = await import('./lib/profile-summary.mjs');

const clock = () => Number(process.hrtime.bigint() / 1000n);
const measured = {};
for (const [name, start] of [['relay', relayTarget], ['peerline', peerlineTarget]]) {
  const dir = join(RESULTS, 'profile-diff', name);
  rmSync(dir, { recursive: true, force: true });
  const target = await start({ pairs: 50, generators: 2, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=50'] });
  try {
    await target.step(rate, 1.5, 0.5);
    const from = clock();
    const step = await target.step(rate, seconds, 0);
    const to = clock();
    measured[name] = { dir, from, to, step, messages: step.achieved * seconds };
  } finally {
    await target.close();
  }
}

const per = {};
for (const [name, m] of Object.entries(measured)) {
  const t = windowTimes(m.dir, m.from, m.to);
  per[name] = { ...t, messages: m.messages };
  console.log(`${name.padEnd(8)} round trip p50 ${m.step.p50.toFixed(3)} ms; nodes busy ${(t.busy / m.messages).toFixed(0)} µs per message (both nodes)`);
}
const us = (name, map, key) => (map.get(key) ?? 0) / per[name].messages;
const names = new Set([...per.relay.self.keys(), ...per.peerline.self.keys()]);
const rows = [...names].map((k) => ({ k, p: us('peerline', per.peerline.self, k), r: us('relay', per.relay.self, k) }));
console.log('\nSelf time, µs per message: Peerline − relay (Peerline, relay), the largest differences');
for (const { k, p, r } of rows.sort((a, b) => b.p - b.r - (a.p - a.r)).slice(0, 30)) console.log(`${(p - r).toFixed(1).padStart(7)} (${p.toFixed(1)}, ${r.toFixed(1)})  ${k}`);
console.log("\nPeerline's own functions, inclusive µs per message");
for (const [k] of [...per.peerline.own].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${us('peerline', per.peerline.own, k).toFixed(1).padStart(7)}  ${k}`);
process.exit(0);
