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

// ARGV[1] the key prefix, [2] ttlMs, then identity and connection id pairs. Every entry gets the
// same expiry, the latest its key has (every node uses the same TTL), so the key is set to expire
// with it. Expired entries are left for the next add, remove or count of that identity to drop.
const REFRESH = `
local t = redis.call('TIME')
local expires = string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2]))
for i = 3, #ARGV, 2 do
  local key = ARGV[1] .. 'pres:' .. ARGV[i]
  redis.call('ZADD', key, expires, ARGV[i + 1])
  redis.call('PEXPIREAT', key, expires)
end
return (#ARGV - 2) / 2`;

/** How many connections one refresh call carries, so that no call holds Redis for long. */
const REFRESH_BATCH = 500;

/** Cluster-wide Presence: a sorted set per identity, scored by each connection's expiry. */
export class RedisPresence implements Presence {
  private readonly script: Script;
  private readonly refreshScript: Script;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.script = script(redis, 1, SCRIPT);
    this.refreshScript = script(redis, 0, REFRESH);
  }

  /** Batches of REFRESH_BATCH, one script call each (a node refreshed each connection in a call of its own). */
  async refresh(connections: readonly (readonly [string, string])[], ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.round(ttlMs));
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < connections.length; i += REFRESH_BATCH) {
      calls.push(this.refreshScript(this.prefix, ttl, ...connections.slice(i, i + REFRESH_BATCH).flat()));
    }
    await Promise.all(calls);
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
