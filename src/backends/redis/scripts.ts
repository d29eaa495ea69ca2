import { createHash } from 'node:crypto';
import { Command, type Redis } from 'ioredis';

export type Script = (...args: (string | number)[]) => Promise<unknown>;

/**
 * An EVALSHA command of `args`, which are flat already. ioredis's constructor copies its arguments
 * with Array.prototype.flat (slow on a message's hot path, and in proportion for a batch's
 * hundreds), so the command is made empty and given its arguments, as strings, after.
 */
function evalsha(sha: string, numberOfKeys: number, args: (string | number)[]): Command {
  const command = new Command('evalsha', [], { replyEncoding: 'utf8' });
  const all: string[] = [sha, String(numberOfKeys)];
  for (const arg of args) all.push(typeof arg === 'string' ? arg : String(arg));
  command.args = all;
  return command;
}

/**
 * A Lua script of this connection, sent as EVALSHA (its 40-byte hash, not its text) on every call.
 * Should Redis not know it (a restart, SCRIPT FLUSH), the call is made once more as EVAL, which
 * runs it and keeps it for the calls that follow. Calls are sent as a Command straight to the
 * connection, without the wrapper a defined command adds around each one (a message's hot path,
 * SPEC P1).
 */
export function script(redis: Redis, numberOfKeys: number, lua: string): Script {
  const sha = createHash('sha1').update(lua).digest('hex');
  return (...args) =>
    (redis.sendCommand(evalsha(sha, numberOfKeys, args)) as Promise<unknown>).catch((err: unknown) => {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return redis.eval(lua, numberOfKeys, ...args);
    });
}
