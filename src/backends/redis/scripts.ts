import type { Redis } from 'ioredis';

export type Script = (...args: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script as a custom command of this connection: ioredis sends EVALSHA (a 40-byte hash, not
 * the script's text, on every call) and loads the script only when Redis does not know it yet.
 * `name` must be unique per script.
 */
export function script(redis: Redis, name: string, numberOfKeys: number, lua: string): Script {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, Script>)[name]!;
  return (...args) => command.call(redis, ...args);
}
