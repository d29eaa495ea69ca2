import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startThrowawayRedis } from '../src/testing/throwaway-redis.js';

/**
 * The boot test runs the built server, so make sure dist/ is current before any test starts.
 * Without REDIS_URL, a redis-server on PATH is started for the run (and stopped after it), so the
 * cross-node delivery test runs in a plain `npm test` too (see anyRedisUrl).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
  if (process.env.REDIS_URL?.trim()) return async () => undefined;
  const redis = await startThrowawayRedis();
  if (!redis) return async () => undefined;
  project.provide('throwawayRedisUrl', redis.url);
  // A run that ends without its teardown (an uncaught error, Ctrl-C) still takes the server down.
  const orphanGuard = () => void redis.stop();
  process.once('exit', orphanGuard);
  return async () => {
    process.off('exit', orphanGuard);
    await redis.stop();
  };
}
