import pg from 'pg';
import type { Db, Queryable, Session } from './db.js';
import { ident } from './db.js';
import { classified, toStorageError } from './db-error.js';

export interface PgDbOptions {
  url: string;
  /** Use this schema (created if missing) instead of public: one per test run. */
  schema?: string;
  max?: number;
  onError?: (err: Error) => void;
}

/** Db on a real Postgres through a pg Pool. Postgres's errors leave it as value-free StorageErrors. */
export class PgDb implements Db {
  readonly kind = 'postgres';

  private constructor(private readonly pool: pg.Pool) {}

  static async connect(options: PgDbOptions): Promise<PgDb> {
    if (options.schema) {
      const admin = new pg.Client({ connectionString: options.url });
      await admin.connect();
      try {
        await classified(admin.query(`CREATE SCHEMA IF NOT EXISTS ${ident(options.schema)}`));
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      ...(options.schema ? { options: `-c search_path=${ident(options.schema)}` } : {}),
    });
    // Without a listener, an idle client's error (a Postgres restart) would crash the process.
    pool.on('error', (err) => options.onError?.(toStorageError(err)));
    return new PgDb(pool);
  }

  async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
    const result = await classified(this.pool.query(sql, params));
    return { rows: result.rows as R[] };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.session(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async session<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await fn({
        query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await classified(client.query(sql, params))).rows as R[] }),
        exec: async (script: string) => void (await classified(client.query(script))),
      });
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
