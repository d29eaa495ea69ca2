// Where a message's CPU goes (a diagnostic for P1/P2, not a SPEC §7 measure): Peerline and the bare
// relay, set up as in P1 (2 nodes, 50 chats across them), each offered the same steady load in
// turn; per message, the CPU time of each node and of Redis (from /proc) and the Redis commands run
// (INFO commandstats, with the microseconds Redis spent in each). Redis's counters are reset, so
// run it on a machine whose Redis serves nothing else.
//   node load-tests/cpu-per-message.mjs [rate=1000] [seconds=4]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { peerlineTarget, relayTarget } from './lib/chat-targets.mjs';
import { ensureReady } from './lib/setup.mjs';

const rate = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 4);
ensureReady();

const redisCli = (...args) => execFileSync('redis-cli', ['-u', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', ...args]).toString();
const redisPid = Number(/process_id:(\d+)/.exec(redisCli('info', 'server'))[1]);
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}
function commandStats() {
  const lines = redisCli('info', 'commandstats').split('\n').filter((l) => l.startsWith('cmdstat_'));
  return Object.fromEntries(lines.map((l) => {
    const [name, rest] = l.split(':');
    const fields = Object.fromEntries(rest.split(',').map((p) => p.split('=')));
    return [name.slice('cmdstat_'.length), { calls: Number(fields.calls), usec: Number(fields.usec) }];
  }));
}

const opts = { pairs: 50, generators: 2 };
for (const start of [relayTarget, () => peerlineTarget(opts)]) {
  const target = await start(opts);
  try {
    await target.step(rate, 1, 0.5); // warm-up
    redisCli('config', 'resetstat');
    const redisBefore = cpuSeconds(redisPid);
    const t0 = performance.now();
    const step = await target.step(rate, seconds, 0);
    const elapsed = (performance.now() - t0) / 1000;
    const messages = rate * seconds;
    const us = (cpuShare) => Math.round((cpuShare * 1e6) / rate);
    console.log(`${target.name}: ${rate} msgs/s for ${seconds} s, round trip p50 ${step.p50.toFixed(3)} ms, p99 ${step.p99.toFixed(3)} ms`);
    console.log(`  CPU per message: nodes ${step.serverCpu.map((c) => `${us(c)} µs`).join(' + ')}, Redis ${us((cpuSeconds(redisPid) - redisBefore) / elapsed)} µs`);
    const stats = Object.entries(commandStats()).filter(([, s]) => s.calls / messages >= 0.01).sort((a, b) => b[1].usec - a[1].usec);
    for (const [name, s] of stats) console.log(`  ${name.padEnd(18)} ${(s.calls / messages).toFixed(2)} calls/msg  ${(s.usec / s.calls).toFixed(1)} µs/call in Redis`);
  } finally {
    await target.close();
  }
}
