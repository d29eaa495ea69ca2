import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type Script = (...args: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script of this connection, defined with ioredis's `defineCommand`: sent as EVALSHA, and as
 * EVAL once should Redis not know it (a restart, SCRIPT FLUSH). The first `numberOfKeys` arguments
 * are its KEYS: every key a script touches is passed there.
 */
export function script(redis: Redis, numberOfKeys: number, lua: string): Script {
  const name = `peerline_${createHash('sha1').update(lua).digest('hex').slice(0, 16)}_${numberOfKeys}`;
  const commands = redis as unknown as Record<string, Script | undefined>;
  if (!commands[name]) redis.defineCommand(name, { numberOfKeys, lua });
  const command = commands[name]!;
  return (...args) => command.apply(redis, args);
}
