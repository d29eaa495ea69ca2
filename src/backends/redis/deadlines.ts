import type { Redis } from 'ioredis';
import type { Deadlines } from '../../core/ports/deadlines.js';
import { script, type Script } from './scripts.js';

// KEYS[1] deadlines zset; ARGV now, limit, leaseUntil. Moving what it returns past `now` makes each claim exclusive.
const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, k in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', ARGV[3], k) end
return due`;

// KEYS[1] deadlines zset; ARGV key, leaseUntil.
const COMPLETE = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1`;

/** Cluster-wide Deadlines: one sorted set scored by due time; any node may claim what is due. */
export class RedisDeadlines implements Deadlines {
  private readonly key: string;
  private readonly claim: Script;
  private readonly completeScript: Script;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}deadlines`;
    this.claim = script(redis, 1, CLAIM);
    this.completeScript = script(redis, 1, COMPLETE);
  }

  async set(key: string, at: number) {
    await this.redis.zadd(this.key, at, key);
  }

  async setIfAbsent(key: string, at: number) {
    return (await this.redis.zadd(this.key, 'NX', at, key)) === 1;
  }

  async clear(...keys: [string, ...string[]]) {
    return (await this.redis.zrem(this.key, ...keys)) > 0;
  }

  async claimDue(now: number, limit: number, leaseMs: number) {
    return (await this.claim(this.key, now, limit, now + leaseMs)) as string[];
  }

  async complete(key: string, leasedUntil: number) {
    await this.completeScript(this.key, key, leasedUntil);
  }
}
