import { inject } from 'vitest';
import { serviceUrl } from './real-services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/global-setup.ts when REDIS_URL is not and it started a redis-server of its own. */
    throwawayRedisUrl?: string;
  }
}

/**
 * The Redis for tests that must run on any machine with redis-server installed: REDIS_URL when set,
 * else the run's throwaway redis-server, else undefined (the test skips, saying so; with
 * REQUIRE_REAL_SERVICES=1 it fails instead, as serviceUrl does).
 */
export function anyRedisUrl(): string | undefined {
  return process.env.REDIS_URL?.trim() || inject('throwawayRedisUrl') || serviceUrl('REDIS_URL');
}
