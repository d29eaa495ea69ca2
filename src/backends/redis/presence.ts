import type { Redis } from 'ioredis';
import type { Presence } from '../../core/ports/presence.js';
import { script, type Script } from './scripts.js';

// KEYS[1] presence zset; ARGV: mode ('add' | 'remove' | 'count'), connectionId, ttlMs.
// Redis's own clock, so nodes with skewed clocks agree; the key lives as long as its latest entry.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[1] == 'add' then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
elseif ARGV[1] == 'remove' then
  redis.call('ZREM', KEYS[1], ARGV[2])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) end
return redis.call('ZCARD', KEYS[1])`;

/** Cluster-wide Presence: a sorted set per identity, scored by each connection's expiry. */
export class RedisPresence implements Presence {
  private readonly script: Script;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.script = script(redis, 1, SCRIPT);
  }

  add(identity: string, connectionId: string, ttlMs: number): Promise<number> {
    return this.run(identity, 'add', connectionId, Math.max(1, Math.round(ttlMs)));
  }

  remove(identity: string, connectionId: string): Promise<number> {
    return this.run(identity, 'remove', connectionId, 0);
  }

  count(identity: string): Promise<number> {
    return this.run(identity, 'count', '', 0);
  }

  private async run(identity: string, mode: string, connectionId: string, ttlMs: number): Promise<number> {
    return Number(await this.script(`${this.prefix}pres:${identity}`, mode, connectionId, ttlMs));
  }
}
