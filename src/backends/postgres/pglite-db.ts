import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_TEMPLATE } from '../../paths.js';
import type { Db, Queryable, Session } from './db.js';
import { ident } from './db.js';
import { classified } from './db-error.js';
import { pgliteWasm } from './pglite-wasm.js';

export interface PgliteDbOptions {
  /** Folder to persist in; unset = in memory (tests). */
  dataDir?: string;
  schema?: string;
  /** Start a new data directory from the built template when there is one. @default true */
  useTemplate?: boolean;
}

const isNew = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * Postgres's settings for the embedded database: PGlite's own, with less shared memory. Postgres
 * zeroes all of its shared memory as it starts, which WASM does slowly, so 16 MB of shared_buffers
 * instead of the default 128 MB shortens every start (SPEC P5). The embedded database holds only
 * metadata, whose hot pages fit in 16 MB many times over.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * Db on embedded PGlite: Postgres compiled to WASM, in this process, one connection. Using its own
 * API (not a socket bridge) avoids the second-connection hangs of pglite-socket. Postgres's errors
 * leave it as value-free StorageErrors: PGlite's own carry the query and its parameters.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite';

  private constructor(private readonly pg: PGlite) {}

  static async open(options: PgliteDbOptions = {}): Promise<PgliteDb> {
    // A new data directory starts from the template (already initialised and migrated): loading it
    // is much quicker than initdb in WASM.
    const template = options.dataDir && options.useTemplate !== false && isNew(options.dataDir) && existsSync(PGLITE_TEMPLATE);
    const loadDataDir = template ? new Blob([readFileSync(PGLITE_TEMPLATE)]) : undefined;
    const pg = await PGlite.create({ dataDir: options.dataDir, loadDataDir, startParams: START_PARAMS, pgliteWasmModule: await pgliteWasm() });
    if (options.schema) {
      await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(options.schema)}; SET search_path TO ${ident(options.schema)};`);
    }
    return new PgliteDb(pg);
  }

  async query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
    const result = await classified(this.pg.query<R>(sql, params));
    return { rows: result.rows };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return classified(
      this.pg.transaction((tx) => fn({ query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await classified(tx.query<R>(sql, params))).rows }) })),
    );
  }

  async session<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return fn({ query: (sql, params) => this.query(sql, params), exec: async (script) => void (await classified(this.pg.exec(script))) });
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}
