// P4-style burst against the real matching script on Redis: 5,000 seekers arrive at once from
// several connections ("nodes"), 250 specialists × capacity 2 take them; each chat ends soon after
// it starts so capacity frees and matching continues until everyone is matched.
// Prints matches/s, the latency of one matching decision (request or end → the match call), the
// seekers' wait, and checks MQ1/MQ9 afterwards. Run: npm run build && node load-tests/match-burst.mjs
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisMatchStore } from '../dist/src/backends/redis/match-store.js';

const SEEKERS = Number(process.env.SEEKERS ?? 5000);
const SPECIALISTS = Number(process.env.SPECIALISTS ?? 250);
const CAPACITY = 2;
const NODES = 4;
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench${randomUUID().slice(0, 8)}:`;

const clients = await Promise.all(Array.from({ length: NODES }, async () => {
  const c = new Redis(url, { lazyConnect: true, enableAutoPipelining: true });
  await c.connect();
  return c;
}));
const stores = clients.map((c) => new RedisMatchStore(c, prefix));
const node = (i) => stores[i % NODES];

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

for (let i = 0; i < SPECIALISTS; i++) {
  await node(i).startShift({ staffId: `spec-${i}`, displayName: `S${i}`, capacity: CAPACITY, topics: [], shiftId: randomUUID(), shiftStartedAt: Date.now() }, Date.now());
}

const requestedAt = new Map();
const waits = [];
const decisionMs = [];
let matched = 0;
const assignedTo = new Map();
let maxActiveSeen = 0;

async function decide(store) {
  const t0 = performance.now();
  const sessions = await store.match(Date.now());
  decisionMs.push(performance.now() - t0);
  for (const s of sessions) {
    if (assignedTo.has(s.id)) throw new Error(`double assignment of ${s.id}`);
    assignedTo.set(s.id, s.specialistId);
    matched++;
    waits.push(performance.now() - requestedAt.get(s.id));
    // The chat ends shortly after; the freed capacity triggers the next decision (MQ5).
    setImmediate(async () => {
      await store.end(s.id, 'seeker', 'bench', Date.now());
      await decide(store);
    });
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: SEEKERS }, async (_, i) => {
  const id = randomUUID();
  const now = Date.now();
  requestedAt.set(id, performance.now());
  await node(i).request({
    id, seekerId: randomUUID(), seekerAlias: 'Bench', topic: null, language: null, status: 'waiting', requestedAt: now, queuedAt: now,
    priority: 0, excludeStaffId: null, specialistId: null, specialistName: null, matchedAt: null, endedAt: null, endedBy: null,
    endReason: null, transfers: 0, switches: 0, rating: null,
  });
  await decide(node(i + 1));
}));
while (matched < SEEKERS) {
  await decide(node(matched));
  const active = (await Promise.all(Array.from({ length: SPECIALISTS }, (_, i) => stores[0].specialist(`spec-${i}`)))).map((s) => s.active);
  maxActiveSeen = Math.max(maxActiveSeen, ...active);
  if (active.some((a) => a > CAPACITY)) throw new Error('MQ1 violated: a specialist above capacity');
}
const seconds = (performance.now() - started) / 1000;

const stats = await stores[0].stats();
console.log(`Match burst on ${url}: ${SEEKERS} seekers, ${SPECIALISTS} specialists x capacity ${CAPACITY}, ${NODES} connections`);
console.log(`  matched            ${matched} in ${seconds.toFixed(2)} s  =>  ${(matched / seconds).toFixed(0)} matches/s`);
console.log(`  decision latency   p50 ${pct(decisionMs, 50).toFixed(2)} ms   p99 ${pct(decisionMs, 99).toFixed(2)} ms   (${decisionMs.length} match calls)`);
console.log(`  seeker wait        p50 ${pct(waits, 50).toFixed(0)} ms   p99 ${pct(waits, 99).toFixed(0)} ms`);
console.log(`  rule violations    double assignments 0, max active ${maxActiveSeen} <= capacity ${CAPACITY}, waiting left ${stats.waiting}`);

let cursor = '0';
do {
  const [next, keys] = await clients[0].scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length) await clients[0].del(...keys);
} while (cursor !== '0');
await Promise.all(clients.map((c) => c.quit()));
