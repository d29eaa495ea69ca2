// P6: the cost of the built-in moderation hooks per message, against a no-op pipeline measured in
// the same run (SPEC §7: median ≤ 50 µs). Run: npm run build && node load-tests/moderation-bench.mjs
// (`--json` prints one JSON line instead: the benchmark harness, npm run bench, runs it that way).
import { randomUUID } from 'node:crypto';
import { AbuseBlocklistHook } from '../dist/src/core/moderation/hooks/abuse-blocklist.js';
import { ContactRedactionHook } from '../dist/src/core/moderation/hooks/contact-redaction.js';
import { CrisisDetectorHook } from '../dist/src/core/moderation/hooks/crisis-detector.js';
import { FloodControlHook } from '../dist/src/core/moderation/hooks/flood-control.js';
import { loadLexicons } from '../dist/src/core/moderation/lexicons.js';
import { ModerationPipeline } from '../dist/src/core/moderation/pipeline.js';
import { PROJECT_ROOT } from '../dist/src/paths.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const MESSAGES = Number(process.env.MESSAGES ?? 20_000);

const corpus = [
  'hi, thanks for talking with me tonight',
  'I have been feeling really low since my job ended and I do not know who to talk to about it',
  'my sister says I should see someone but the waiting list is months long',
  'you can email me at someone@example.com if that is easier',
  'honestly some days I want to kill myself',
  'this homework is killing me though',
  'I walked 12000 steps today and it helped a bit',
  'call me on 555-123-4567 later',
  'I keep thinking about what happened in 2019 and it makes my chest tight',
  'thank you, that actually helps a lot',
];

const lexicons = loadLexicons(PROJECT_ROOT);
const builtIns = () => [new FloodControlHook(), new ContactRedactionHook(), new AbuseBlocklistHook(lexicons.abuse), new CrisisDetectorHook(lexicons.crisis)];
const noop = () => [{ name: 'noop', priority: 1, timeoutMs: 50, failureMode: 'deliver', check: () => ({ action: 'allow' }) }];

const session = (i) => ({ id: `bench-${i % 500}`, seekerId: 's', seekerAlias: 'a', topic: null, language: null, status: 'active', requestedAt: 0, queuedAt: 0, priority: 0, excludeStaffId: null, specialistId: 'x', specialistName: 'y', matchedAt: 0, endedAt: null, endedBy: null, endReason: null, transfers: 0, switches: 0, rating: null });

async function measure(pipeline) {
  const times = new Float64Array(MESSAGES);
  for (let i = 0; i < MESSAGES; i++) {
    const payload = { session: session(i), sender: i % 3 ? 'seeker' : 'specialist', text: `${corpus[i % corpus.length]} ${i}`, recent: [] };
    const t0 = process.hrtime.bigint();
    await pipeline.run(payload);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  return { median: times[Math.floor(MESSAGES / 2)], p99: times[Math.floor(MESSAGES * 0.99)] };
}

// Warm up both, then alternate A B A B so drift hits both alike.
await measure(new ModerationPipeline(noop()));
await measure(new ModerationPipeline(builtIns()));
const rows = [];
for (let r = 0; r < ROUNDS; r++) {
  const base = await measure(new ModerationPipeline(noop()));
  const full = new ModerationPipeline(builtIns());
  const ours = await measure(full);
  full.destroy();
  rows.push({ base, ours });
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const median = med(rows.map((r) => r.ours.median));
const baseMedian = med(rows.map((r) => r.base.median));
const p99 = med(rows.map((r) => r.ours.p99));
const baseP99 = med(rows.map((r) => r.base.p99));
const extra = median - baseMedian;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ median, baseMedian, p99, baseP99, extra, rounds: ROUNDS, messages: MESSAGES }));
  process.exit(0);
}
console.log(`P6 moderation pipeline, ${MESSAGES} messages x ${ROUNDS} alternating rounds (${randomUUID().slice(0, 8)})`);
console.log(`  no-op pipeline      median ${baseMedian.toFixed(2)} µs   p99 ${baseP99.toFixed(2)} µs`);
console.log(`  built-in hooks      median ${median.toFixed(2)} µs   p99 ${p99.toFixed(2)} µs`);
console.log(`  built-ins cost      median +${extra.toFixed(2)} µs per message (goal ≤ 50 µs): ${median <= 50 ? 'PASS' : 'FAIL'}`);
