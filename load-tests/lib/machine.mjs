// What the numbers were measured on: cores, memory and its latency, Node, Redis and PostgreSQL
// versions, load.
import { cpus, loadavg, totalmem } from 'node:os';
import { memoryLatencyNs } from './memory-latency.mjs';
import { DATABASE_URL, REDIS_URL, importFromRoot } from './paths.mjs';

export async function machine() {
  const { Redis } = await importFromRoot('ioredis');
  const { default: pg } = await importFromRoot('pg');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))[1];
  redis.disconnect();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const pgVersion = (await client.query('SHOW server_version')).rows[0].server_version;
  await client.end();
  const cores = cpus().length;
  const info = { cores, cpu: cpus()[0]?.model.trim(), memoryGB: Math.round(totalmem() / 2 ** 30), memoryLatencyNs: Math.round(memoryLatencyNs()), node: process.version, redis: redisVersion, postgres: pgVersion, loadBefore: loadavg().map((l) => l.toFixed(2)).join(' ') };
  return { ...info, description: `${cores} cores (${info.cpu}), ${info.memoryGB} GB (${info.memoryLatencyNs} ns a random read), Node ${info.node}, Redis ${info.redis}, PostgreSQL ${info.postgres.split(' ')[0]}; load average ${info.loadBefore}` };
}
