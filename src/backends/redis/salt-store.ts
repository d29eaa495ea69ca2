import type { Redis } from 'ioredis';
import { newSecret } from '../../core/secrets.js';
import type { SaltStore } from '../../core/ports/salt-store.js';

const KEEP_MS = 2 * 86_400_000;

/** Cluster-wide SaltStore: the first node to ask for a day's salt creates it (SET NX); it expires after two days. */
export class RedisSaltStore implements SaltStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async saltFor(day: number): Promise<string> {
    const key = `${this.prefix}salt:${day}`;
    await this.redis.set(key, newSecret(), 'PX', KEEP_MS, 'NX');
    const salt = await this.redis.get(key);
    if (salt === null) throw new Error('salt vanished right after it was set');
    return salt;
  }
}
