import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Session } from './db.js';
import { ident } from './db.js';

export interface PgliteDbOptions {
  /** Folder to persist in; unset = in memory (tests). */
  dataDir?: string;
  schema?: string;
}

/**
 * Db on embedded PGlite: Postgres compiled to WASM, in this process, one connection. Using its own
 * API (not a socket bridge) avoids the second-connection hangs of pglite-socket.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite';

  private constructor(private readonly pg: PGlite) {}

  static async open(options: PgliteDbOptions = {}): Promise<PgliteDb> {
    const pg = await PGlite.create(options.dataDir);
    if (options.schema) {
      await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(options.schema)}; SET search_path TO ${ident(options.schema)};`);
    }
    return new PgliteDb(pg);
  }

  async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
    const result = await this.pg.query<R>(sql, params);
    return { rows: result.rows };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) =>
      fn({ query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<R>(sql, params)).rows }) }),
    );
  }

  async session<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return fn({ query: (sql, params) => this.query(sql, params), exec: async (script) => void (await this.pg.exec(script)) });
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}
