import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import type { AuditLog } from '../core/ports/audit-log.js';
import type { Deadlines } from '../core/ports/deadlines.js';
import type { FlagStore } from '../core/ports/flag-store.js';
import type { MatchStore } from '../core/ports/match-store.js';
import type { SessionLog } from '../core/ports/session-log.js';
import type { SessionQueries } from '../core/ports/session-queries.js';
import type { LiveHistory } from '../core/ports/live-history.js';
import type { PasswordHasher } from '../core/ports/password-hasher.js';
import type { Presence } from '../core/ports/presence.js';
import type { RateLimiterFactory } from '../core/ports/rate-limiter.js';
import type { SaltStore } from '../core/ports/salt-store.js';
import type { StaffRepository } from '../core/ports/staff-repository.js';
import type { TokenStore } from '../core/ports/token-store.js';
import { Argon2Hasher } from './argon2-hasher.js';
import { MemoryDeadlines } from './memory/deadlines.js';
import { MemoryLiveHistory } from './memory/live-history.js';
import { RestorableMatchStore } from './memory/match-store-snapshot.js';
import { MemoryPresence } from './memory/presence.js';
import { MemorySaltStore } from './memory/salt-store.js';
import { SNAPSHOT_FILE, discardSnapshot, keepAcrossRestarts } from './memory/snapshot-file.js';
import { MemoryTokenStore } from './memory/token-store.js';
import { SqlAuditLog } from './postgres/audit-log.js';
import { serverSecret } from './postgres/server-secret.js';
import type { Db } from './postgres/db.js';
import { migrate } from './postgres/migrate.js';
import { SqlFlagStore } from './postgres/flag-store.js';
import { SqlSessionLog } from './postgres/session-log.js';
import { SqlSessionQueries } from './postgres/session-queries.js';
import { SqlStaffRepository } from './postgres/staff-repository.js';
import { memoryRateLimiters } from './rate-limiter.js';
import type { RedisEventStream } from './redis/event-stream.js';

/** Every port implementation the app runs on, chosen once at boot. */
export interface Backends {
  db: Db;
  /** Set when REDIS_URL is: the command connection and a factory for the adapter's own connection. */
  redis?: {
    client: Redis;
    forAdapter: () => Redis;
    prefix: string;
    /** Peerline's stream between nodes; the live history announces each message on it. */
    events: RedisEventStream;
  };
  tokens: TokenStore;
  salts: SaltStore;
  presence: Presence;
  history: LiveHistory;
  limiters: RateLimiterFactory;
  matches: MatchStore;
  deadlines: Deadlines;
  staff: StaffRepository;
  sessionLog: SessionLog;
  sessions: SessionQueries;
  flags: FlagStore;
  audit: AuditLog;
  hasher: PasswordHasher;
  /** Key of the address hashes, kept in Postgres so Redis never holds it (PRIV2). */
  addressSecret: string;
  /** Which backends answer right now (for /readyz). */
  health(): Promise<{ database: boolean; redis?: boolean }>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Put every table in this schema (tests); created if missing. */
  schema?: string;
  /** Embedded database in memory instead of DATA_DIR (tests). */
  inMemoryDb?: boolean;
  onDbError?: (err: Error) => void;
}

/**
 * Open the durable store (running migrations) and the state backend the config names. The drivers
 * of the backends not chosen are never loaded: an embedded start imports neither pg nor ioredis
 * (SPEC P5), and a networked one not PGlite.
 */
export async function createBackends(config: Config, options: BackendOptions = {}): Promise<Backends> {
  const db = config.DATABASE_URL
    ? await (await import('./postgres/pg-db.js')).PgDb.connect({ url: config.DATABASE_URL, schema: options.schema, onError: options.onDbError })
    : await (await import('./postgres/pglite-db.js')).PgliteDb.open({ dataDir: options.inMemoryDb ? undefined : config.DATA_DIR, schema: options.schema });
  try {
    await migrate(db, options.schema);
    const addressSecret = await serverSecret(db, 'address-hash');
    let memory: Awaited<ReturnType<typeof memoryState>> | undefined;
    if (config.REDIS_URL && !options.inMemoryDb && (await discardSnapshot(config.DATA_DIR))) {
      createLogger(config.LOG_LEVEL).warn({ file: SNAPSHOT_FILE }, 'deleted the state an embedded run saved: this node runs on Redis and will never read it');
    }
    const state: StateBackends = config.REDIS_URL ? await (await import('./redis/state.js')).redisState(config.REDIS_URL, config.REDIS_KEY_PREFIX, config.LIVE_HISTORY_TTL_S * 1000) : (memory = await memoryState(config, options)).state;
    const ping = <T>(p: Promise<T>) => withTimeout(p, 1_000).then(() => true, () => false);
    return {
      db,
      ...state,
      staff: new SqlStaffRepository(db),
      sessionLog: new SqlSessionLog(db),
      sessions: new SqlSessionQueries(db),
      flags: new SqlFlagStore(db),
      audit: new SqlAuditLog(db),
      hasher: new Argon2Hasher(),
      addressSecret,
      async health() {
        const [database, redis] = await Promise.all([ping(db.query('SELECT 1')), state.redis ? ping(state.redis.client.ping()) : undefined]);
        return redis === undefined ? { database } : { database, redis };
      },
      async close() {
        state.redis?.events.close();
        if (state.redis) await state.redis.client.quit().catch(() => state.redis?.client.disconnect());
        await memory?.save();
        await db.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

export type StateBackends = Pick<Backends, 'redis' | 'tokens' | 'salts' | 'presence' | 'history' | 'limiters' | 'matches' | 'deadlines'>;

/**
 * State in this process. On the embedded defaults (a node on its own DATA_DIR) it is kept across a
 * restart: saved there as the node stops, read back and deleted as it starts (REL6). Tests' in-memory
 * databases and a Postgres server leave the node no data directory of its own to keep it in.
 */
async function memoryState(config: Config, options: BackendOptions): Promise<{ state: StateBackends; save(): Promise<void> }> {
  const matches = new RestorableMatchStore();
  const ports = {
    tokens: new MemoryTokenStore(),
    history: new MemoryLiveHistory((sessionId, writer) => matches.isLive(sessionId, writer)),
    matches,
    deadlines: new MemoryDeadlines(),
  };
  const state: StateBackends = { ...ports, salts: new MemorySaltStore(), presence: new MemoryPresence(), limiters: memoryRateLimiters() };
  if (config.DATABASE_URL || options.inMemoryDb) {
    if (!options.inMemoryDb && (await discardSnapshot(config.DATA_DIR))) {
      createLogger(config.LOG_LEVEL).warn({ file: SNAPSHOT_FILE }, 'deleted the state an embedded run saved: this node runs on PostgreSQL and will never read it');
    }
    return { state, save: async () => undefined };
  }
  const save = await keepAcrossRestarts(config.DATA_DIR, ports, config.LIVE_HISTORY_TTL_S * 1000, createLogger(config.LOG_LEVEL));
  return { state, save };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
