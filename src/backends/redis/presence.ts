import type { Redis } from 'ioredis';
import type { Presence } from '../../core/ports/presence.js';

// KEYS[1] presence zset; ARGV: now, expiresAt|'' (remove when empty), connectionId, ttlMs
const SCRIPT = `
if ARGV[2] == '' then
  redis.call('ZREM', KEYS[1], ARGV[3])
elseif ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZCARD', KEYS[1])`;

/** Cluster-wide Presence: a sorted set per identity, scored by each connection's expiry. */
export class RedisPresence implements Presence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  add(identity: string, connectionId: string, ttlMs: number): Promise<number> {
    const now = this.now();
    return this.run(identity, now, String(now + ttlMs), connectionId, ttlMs);
  }

  remove(identity: string, connectionId: string): Promise<number> {
    return this.run(identity, this.now(), '', connectionId, 0);
  }

  count(identity: string): Promise<number> {
    return this.run(identity, this.now(), 'count', '', 0);
  }

  private async run(identity: string, now: number, expiresAt: string, connectionId: string, ttlMs: number): Promise<number> {
    const result = await this.redis.eval(SCRIPT, 1, `${this.prefix}pres:${identity}`, now, expiresAt, connectionId, Math.max(1, ttlMs));
    return Number(result);
  }
}
