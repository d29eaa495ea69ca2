import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

const required = process.env.REQUIRE_REAL_SERVICES === '1';
const warned = new Set<string>();

/**
 * The URL of a real service for tests, or undefined when it is not configured (the test then skips,
 * saying so). With REQUIRE_REAL_SERVICES=1 (CI), a missing URL fails the run instead.
 */
export function serviceUrl(name: 'DATABASE_URL' | 'REDIS_URL'): string | undefined {
  const url = process.env[name]?.trim();
  if (url) return url;
  if (required) throw new Error(`${name} must be set when REQUIRE_REAL_SERVICES=1`);
  if (!warned.has(name)) {
    warned.add(name);
    process.stderr.write(`[peerline tests] ${name} is not set: tests against the real ${name === 'REDIS_URL' ? 'Redis' : 'Postgres'} are skipped.\n`);
  }
  return undefined;
}

export const randomSuffix = (): string => randomBytes(5).toString('hex');

/** A Redis key prefix of its own for one test. */
export const testPrefix = (): string => `t${randomSuffix()}:`;

/** A Postgres schema of its own for one test. */
export const testSchema = (): string => `t_${randomSuffix()}`;

/** Delete every key under a prefix. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A database of its own for a test that runs whole server processes; `drop` removes it. */
export async function createTestDatabase(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `peerline_t_${randomSuffix()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Drop a test schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
