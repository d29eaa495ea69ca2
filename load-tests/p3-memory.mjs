// P3 (SPEC §7): memory per idle connected seeker at 10,000 connections, one Peerline node (Redis +
// Postgres) against one bare Socket.IO node (the relay, same Redis adapter). Each run starts a fresh
// server process, warms it with a few hundred connections that come and go, collects its garbage
// (through the inspector) and reads its RSS, opens 10,000 idle connections from a generator process,
// waits for the server to settle, collects garbage and reads RSS again: (after − before) / 10,000.
// Baseline and Peerline alternate (A B A B).
import { join } from 'node:path';
import { startRelay } from './lib/baselines.mjs';
import { SATURATED, rssBytes, watchCpu } from './lib/cpu-watch.mjs';
import { INSPECT, collectGarbage, inspectorUrl } from './lib/gc.mjs';
import { LOAD_TESTS } from './lib/paths.mjs';
import { seedSeekers, startPeerline } from './lib/peerline.mjs';
import { startNode } from './lib/procs.mjs';
import { medianOfValid } from './lib/stats.mjs';

const CONNECTIONS = 10_000;
const WARM = 300;
const SETTLE_MS = 2_000;
const PER_SECOND = 2_500;

async function connect(url, auths) {
  const gen = startNode(join(LOAD_TESTS, 'gen/idle-conns.mjs'), { ipc: true });
  const watch = watchCpu([gen.pid], 500);
  gen.send({ type: 'connect', url, auths, concurrency: 50, perSecond: PER_SECOND });
  const result = await gen.message('connected', 180_000);
  const cpu = watch.stop()[gen.pid];
  return { ...result, generatorCpu: cpu.mean, close: () => gen.stop() };
}

/** One measurement on a fresh server: per-connection RSS in bytes, or NaN if the run was invalid. */
async function measure(server, url, auths, warmAuths) {
  const serverPid = server.pid;
  const inspector = await inspectorUrl(server);
  const warm = await connect(url, warmAuths);
  await warm.close();
  await new Promise((r) => setTimeout(r, 1_000));
  await collectGarbage(inspector);
  const before = rssBytes(serverPid);
  const run = await connect(url, auths);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await collectGarbage(inspector);
  const after = rssBytes(serverPid);
  await run.close();
  const valid = run.failed === 0 && run.generatorCpu < SATURATED;
  return { perConnection: valid ? (after - before) / CONNECTIONS : NaN, before, after, connectSeconds: run.seconds, failed: run.failed, firstError: run.firstError, generatorCpu: run.generatorCpu, valid };
}

export async function runMemory({ quick = false, log = console.log } = {}) {
  const runs = quick ? 1 : 3;
  const peerline = await startPeerline({ nodes: 1, nodeArgs: [INSPECT] });
  const tokens = await seedSeekers(peerline, CONNECTIONS + WARM);
  const peerAuths = tokens.slice(0, CONNECTIONS).map((token) => ({ token }));
  const peerWarm = tokens.slice(CONNECTIONS).map((token) => ({ token }));
  const relayAuths = Array.from({ length: CONNECTIONS }, (_, i) => ({ room: `seeker:${i}` }));
  const relayWarm = relayAuths.slice(0, WARM);
  const pairs = [];
  try {
    for (let i = 0; i < runs; i++) {
      const relay = await startRelay({ nodes: 1, redis: true, nodeArgs: [INSPECT] });
      const base = await measure(relay.procs[0], relay.urls[0], relayAuths, relayWarm);
      await relay.close();
      if (i > 0) await peerline.restart();
      const ours = await measure(peerline.procs[0], peerline.urls[0], peerAuths, peerWarm);
      const kb = (x) => (x.valid ? `${(x.perConnection / 1024).toFixed(2)} KB` : `invalid (${x.failed} failed${x.firstError ? `: ${x.firstError}` : ''}, generator ${(x.generatorCpu * 100).toFixed(0)} %)`);
      log(`  pair ${i + 1}/${runs}: bare Socket.IO ${kb(base)}, Peerline ${kb(ours)} per connection`);
      pairs.push({ base, ours });
    }
  } finally {
    await peerline.close();
  }
  const value = medianOfValid(pairs.map((p) => p.ours.perConnection)) / 1024;
  const baseline = medianOfValid(pairs.map((p) => p.base.perConnection)) / 1024;
  const ratio = medianOfValid(pairs.map((p) => p.ours.perConnection / p.base.perConnection));
  return { value, baseline, ratio, connections: CONNECTIONS, validRuns: pairs.filter((p) => p.base.valid && p.ours.valid).length, runs, pairs };
}
