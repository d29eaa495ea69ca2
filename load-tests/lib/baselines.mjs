// The baselines a run measures Peerline against, started fresh by the harness.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOAD_TESTS, REDIS_URL, importFromRoot } from './paths.mjs';
import { startNode } from './procs.mjs';
import { NODE_FLAGS } from '../../scripts/node-flags.mjs';

const run = promisify(execFile);

/**
 * The bare Socket.IO relay: `nodes` processes; with more than one they share a Redis stream. They
 * run with Peerline's V8 flags, so that the two differ only in their code.
 */
export async function startRelay({ nodes = 2, redis = nodes > 1, nodeArgs = [] } = {}) {
  const stream = `bench-relay-${randomBytes(4).toString('hex')}`;
  const procs = Array.from({ length: nodes }, () =>
    startNode(join(LOAD_TESTS, 'servers/relay.mjs'), { nodeArgs: [...NODE_FLAGS, ...nodeArgs], env: { REDIS_URL, ...(redis ? { RELAY_STREAM: stream } : {}) } }),
  );
  const urls = await Promise.all(procs.map(async (p) => (await p.waitFor(/listening at (http:\S+)/))[1]));
  return {
    urls,
    procs,
    pids: procs.map((p) => p.pid),
    async close() {
      // A profiled relay ends by SIGTERM (it exits, writing its profile).
      await Promise.all(procs.map((p) => p.stop(nodeArgs.includes('--cpu-prof') ? 'SIGTERM' : 'SIGKILL')));
      if (redis) {
        const { Redis } = await importFromRoot('ioredis');
        const client = new Redis(REDIS_URL);
        await client.del(stream);
        client.disconnect();
      }
    },
  };
}

/** The raw ws echo server. */
export async function startEcho() {
  const proc = startNode(join(LOAD_TESTS, 'servers/ws-echo.mjs'));
  const url = (await proc.waitFor(/listening at (http:\S+)/))[1];
  return { urls: [url], procs: [proc], pids: [proc.pid], close: () => proc.stop() };
}

/**
 * `redis-benchmark` running EVALSHA of `script` (loaded first) with `args` against the real Redis:
 * → {p50, p99, rps} in ms and requests/s. Needs redis-benchmark ≥ 7 (it prints percentiles in --csv).
 */
export async function redisBenchmarkEvalsha(script, args, { requests = 20_000, clients = 50 } = {}) {
  const { Redis } = await importFromRoot('ioredis');
  const client = new Redis(REDIS_URL);
  const sha = await client.script('LOAD', script);
  client.disconnect();
  const url = new URL(REDIS_URL);
  const { stdout } = await run('redis-benchmark', [
    '-h', url.hostname, '-p', url.port || '6379', '-n', String(requests), '-c', String(clients), '--csv',
    'EVALSHA', sha, '0', ...args.map(String),
  ]);
  // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  const [header, row] = stdout.trim().split('\n').slice(-2).map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
  const at = (name) => Number(row[header.indexOf(name)]);
  return { p50: at('p50_latency_ms'), p99: at('p99_latency_ms'), rps: at('rps') };
}
