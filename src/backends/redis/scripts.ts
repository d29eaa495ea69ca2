import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type Script = (...args: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script of this connection, sent as EVALSHA (its 40-byte hash, not its text) on every call.
 * Should Redis not know it (a restart, SCRIPT FLUSH), the call is made once more as EVAL, which
 * runs it and keeps it for the calls that follow. Calls go straight to ioredis's `evalsha`, without
 * the wrapper a defined command adds around each one (a message's hot path, SPEC P1).
 */
export function script(redis: Redis, numberOfKeys: number, lua: string): Script {
  const sha = createHash('sha1').update(lua).digest('hex');
  return (...args) =>
    redis.evalsha(sha, numberOfKeys, ...args).catch((err: unknown) => {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return redis.eval(lua, numberOfKeys, ...args);
    });
}
