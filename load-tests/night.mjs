// Runs night.yml: starts Peerline (2 nodes on Redis + Postgres, rate limits raised, X-Forwarded-For
// trusted so each seeker can arrive from an address of their own), puts 16 specialists on shift
// (capacity 2–3, answering each message after some thought), runs artillery 2.0.21 and prints the
// p95/p99 of request-to-match and of the message round trip.
// Run: node load-tests/night.mjs [--quick]   (installs and builds on first use, like npm run bench)
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOAD_TESTS, RESULTS } from './lib/paths.mjs';
import { ensureReady } from './lib/setup.mjs';

const quick = process.argv.includes('--quick');
const SPECIALISTS = 16;
const THINK_MS = 1_000;
ensureReady({ artillery: true });
const { seedSpecialists, startPeerline } = await import('./lib/peerline.mjs');
const { SioClient } = await import('./lib/sio-client.mjs');
const rand = (a, b) => a + Math.floor(Math.random() * (b - a + 1));

const peerline = await startPeerline({ nodes: 2, env: { TRUST_PROXY: 'true' } });
const specialists = [];
try {
  for (const [i, { cookie }] of (await seedSpecialists(peerline, SPECIALISTS)).entries()) {
    const socket = await SioClient.connect(peerline.urls[i % 2], { headers: { cookie } });
    const replies = ['I hear you. That sounds really hard.', 'Thank you for telling me. What happened next?', 'That makes sense. How are you feeling right now?', 'You are not alone in this. Tell me more?'];
    socket.on('message:new', (m) => {
      if (m.sender !== 'seeker') return;
      const text = `${replies[m.seq % replies.length]} (${m.seq})`;
      setTimeout(() => socket.request('message:send', { sessionId: m.sessionId, clientMsgId: `r-${m.id}`, text }), rand(THINK_MS / 2, THINK_MS * 2));
    });
    await socket.request('shift:start', { capacity: rand(2, 3) });
    specialists.push(socket);
  }
  mkdirSync(RESULTS, { recursive: true });
  const report = join(RESULTS, 'night.json');
  const artillery = spawn(join(LOAD_TESTS, 'node_modules', '.bin', 'artillery'), ['run', ...(quick ? ['--environment', 'quick'] : []), '--output', report, join(LOAD_TESTS, 'night.yml')], {
    cwd: LOAD_TESTS,
    stdio: 'inherit',
    env: { ...process.env, PEERLINE_URLS: peerline.urls.join(','), NIGHT_THINK_MS: String(THINK_MS), ARTILLERY_DISABLE_TELEMETRY: 'true', NO_UPDATE_NOTIFIER: '1' },
  });
  const code = await new Promise((resolve) => artillery.once('exit', resolve));
  if (code !== 0) throw new Error(`artillery exited with ${code}`);
  const { aggregate } = JSON.parse(readFileSync(report, 'utf8'));
  const pick = (name) => aggregate.summaries[name] ?? {};
  const summary = {
    requestToMatchMs: pick('night.request_to_match_ms'),
    messageRoundTripMs: pick('night.message_round_trip_ms'),
    counters: Object.fromEntries(Object.entries(aggregate.counters).filter(([k]) => k.startsWith('night.') || k.startsWith('vusers.'))),
  };
  writeFileSync(join(RESULTS, 'night-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const f = (s) => `p50 ${s.median ?? s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms (n = ${s.count})`;
  console.log(`\nA night on Peerline${quick ? ' (quick)' : ''}:`);
  console.log(`  request to match       ${f(summary.requestToMatchMs)}`);
  console.log(`  message round trip     ${f(summary.messageRoundTripMs)}`);
  console.log(`  ${Object.entries(summary.counters).map(([k, v]) => `${k} ${v}`).join(', ')}`);
} finally {
  for (const s of specialists) s.terminate();
  await peerline.close();
}
