// Peerline as the benchmarks run it: built server processes (dist/) on port 0 sharing one Redis
// (a key prefix of their own) and one Postgres database made for the run, like src/testing/cluster.ts.
// Rate limits are raised through the environment (the defaults stay as they are).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_URL, REDIS_URL, SERVER, importDist, importFromRoot } from './paths.mjs';
import { startNode } from './procs.mjs';
import { NODE_FLAGS } from '../../scripts/node-flags.mjs';

const { default: pg } = await importFromRoot('pg');
const { Redis } = await importFromRoot('ioredis');

export const BENCH_LIMITS = { RATE_SEEKER_TOKENS: '100000', RATE_MESSAGES: '100000', RATE_FAILED_LOGINS: '100000' };

/** Start `nodes` Peerline processes on Redis + a fresh Postgres database. */
export async function startPeerline({ nodes = 2, env = {}, nodeArgs = [] } = {}) {
  // A profiled process must end by SIGTERM (its graceful shutdown) to write its profile.
  const stopSignal = nodeArgs.includes('--cpu-prof') ? 'SIGTERM' : 'SIGKILL';
  const suffix = randomBytes(4).toString('hex');
  const dbName = `peerline_bench_${suffix}`;
  await withPg(DATABASE_URL, (c) => c.query(`CREATE DATABASE ${dbName}`));
  const dbUrl = new URL(DATABASE_URL);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `bench${suffix}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'peerline-bench-'));
  const sharedEnv = {
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'info',
    ...BENCH_LIMITS,
    ...env,
  };
  const procs = [];
  const urls = [];
  const startOne = async (i) => {
    procs[i] = startNode(SERVER, { env: sharedEnv, nodeArgs: [...NODE_FLAGS, ...nodeArgs], cwd: dataDir });
    urls[i] = (await procs[i].waitFor(/Server listening at (http:\/\/[^"\s]+)/, 60_000))[1];
  };
  const startAll = async () => {
    await startOne(0); // migrations run once
    await Promise.all(Array.from({ length: nodes - 1 }, (_, i) => startOne(i + 1)));
  };
  await startAll();
  const redis = new Redis(REDIS_URL, { enableAutoPipelining: true });
  const handle = {
    urls,
    procs,
    get pids() {
      return procs.map((p) => p.pid);
    },
    prefix,
    dbUrl: dbUrl.toString(),
    redis,
    /** Fresh processes on the same database and Redis state (e.g. to measure memory from zero). */
    async restart() {
      await Promise.all(procs.map((p) => p.stop(stopSignal)));
      await startAll();
    },
    async close() {
      await Promise.all(procs.map((p) => p.stop(stopSignal)));
      await dropPrefix(redis, prefix);
      redis.disconnect();
      await withPg(DATABASE_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

async function withPg(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropPrefix(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/**
 * Specialists, signed in: `n` staff rows in one INSERT and a login session each in the token store,
 * written with Peerline's own RedisTokenStore. (500 argon2 hashes for 250 accounts would take longer
 * than the burst they serve; sign-in is not what these benchmarks measure.) → [{id, cookie}]
 */
export async function seedSpecialists(peerline, n, topics = []) {
  const { RedisTokenStore } = await importDist('src/backends/redis/token-store.js');
  const { hashSecret, newSecret, newId } = await importDist('src/core/secrets.js');
  const staff = Array.from({ length: n }, (_, i) => ({ id: newId(), username: `bench-${i}-${randomBytes(3).toString('hex')}`, token: newSecret() }));
  await withPg(peerline.dbUrl, (c) =>
    c.query(
      `INSERT INTO staff (id, username, display_name, role, topics)
       SELECT id, username, 'Specialist ' || ord, 'specialist', $3::text[] FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, username, ord)`,
      [staff.map((s) => s.id), staff.map((s) => s.username), topics],
    ),
  );
  const tokens = new RedisTokenStore(peerline.redis, peerline.prefix);
  await Promise.all(staff.map((s) => tokens.put('staff-session', hashSecret(s.token), { staffId: s.id }, 3_600_000)));
  return staff.map((s) => ({ id: s.id, cookie: `peerline_session=${s.token}` }));
}

/**
 * Seeker tokens, issued by Peerline's own SeekerIdentityService into the shared token store (the
 * HTTP route would count them all against one address's per-minute budget). → [token]
 */
export async function seedSeekers(peerline, n) {
  const { RedisTokenStore } = await importDist('src/backends/redis/token-store.js');
  const { SeekerIdentityService } = await importDist('src/core/identity/seeker-identity.js');
  const unlimited = { consume: async () => ({ allowed: true, retryAfterMs: 0 }) };
  const service = new SeekerIdentityService(new RedisTokenStore(peerline.redis, peerline.prefix), unlimited, 3_600_000);
  const out = [];
  for (let i = 0; i < n; i += 500) {
    const batch = await Promise.all(Array.from({ length: Math.min(500, n - i) }, (_, j) => service.issue([`bench-address-${(i + j) % 997}`])));
    out.push(...batch.map((s) => s.token));
  }
  return out;
}
