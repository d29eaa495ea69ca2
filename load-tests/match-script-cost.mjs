// Redis time of one chat:request's script (a diagnostic for P4, not a SPEC §7 measure): 250
// specialists × capacity 2 on shift, then 5,000 arrivals as in the P4 burst. The first 500 find
// specialists free, the next 4,500 find everyone busy; then the match script alone, as the P4
// baseline runs it. INFO commandstats gives the microseconds Redis spent per EVALSHA; its counters
// are reset, so run it on a Redis that serves nothing else.
//   npm run build && node load-tests/match-script-cost.mjs
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisMatchStore } from '../dist/src/backends/redis/match-store.js';
import { MATCH } from '../dist/src/backends/redis/match-scripts.js';
import { waitingSession } from '../dist/src/core/chat/types.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `benchcost${randomUUID().slice(0, 8)}:`;
const store = new RedisMatchStore(redis, prefix);
const now = Date.now();

async function usPerEvalsha(run) {
  await redis.config('RESETSTAT');
  await run();
  const line = (await redis.info('commandstats')).split('\n').find((l) => l.startsWith('cmdstat_evalsha'));
  return Number(/usec_per_call=([\d.]+)/.exec(line)[1]);
}
const arrivals = (from, to) => () =>
  Promise.all(Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return store.requestAndMatch(waitingSession({ id: `s-${i}`, seekerId: `k-${i}`, seekerAlias: 'Bench', topic: null, language: null }, now + i), now + i, 0);
  }));

try {
  for (let i = 0; i < 250; i++) await store.startShift({ staffId: `spec-${i}`, displayName: `S${i}`, capacity: 2, topics: [], shiftId: `shift-${i}`, shiftStartedAt: now }, now);
  console.log(`chat:request, specialists free (first 500):  ${await usPerEvalsha(arrivals(0, 500))} µs of Redis time per call`);
  console.log(`chat:request, everyone busy (next 4,500):     ${await usPerEvalsha(arrivals(500, 5000))} µs`);
  const sha = await redis.script('LOAD', MATCH);
  console.log(`match script alone (the P4 baseline's call):  ${await usPerEvalsha(() => Promise.all(Array.from({ length: 5000 }, () => redis.evalsha(sha, 0, prefix, Date.now(), 2000))))} µs`);
} finally {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
