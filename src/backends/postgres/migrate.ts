import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../../paths.js';
import type { Db } from './db.js';

const MIGRATION_LOCK = 727_274_001;

/**
 * Apply the SQL migrations in migrations/ (postgrator's NNN.do.name.sql files) on either backend.
 * On Postgres an advisory lock makes nodes that boot together take turns.
 */
export async function migrate(db: Db, schema?: string): Promise<{ from: number; to: number }> {
  // Fast path for the usual boot: already at the newest version (postgrator's own checks are slow on PGlite).
  const current = await currentVersion(db, schema);
  if (current !== undefined && current >= newestVersion()) return { from: current, to: current };
  // Loaded only when there is something to apply: loading postgrator and its glob slows a start.
  const { default: Postgrator } = await import('postgrator');
  return db.session(async (session) => {
    if (db.kind === 'postgres') await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const postgrator = new Postgrator({
        migrationPattern: join(MIGRATIONS_DIR, '*.sql'),
        driver: 'pg',
        schemaTable: schema ? `${schema}.schemaversion` : 'schemaversion',
        ...(schema ? { currentSchema: schema } : {}),
        execQuery: (sql) => session.query(sql),
        execSqlScript: (sql) => session.exec(sql),
      });
      const from = Number(await postgrator.getDatabaseVersion());
      const applied = await postgrator.migrate();
      return { from, to: applied.length ? Math.max(...applied.map((m) => m.version)) : from };
    } finally {
      if (db.kind === 'postgres') await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

const newestVersion = (): number =>
  Math.max(0, ...readdirSync(MIGRATIONS_DIR).map((name) => Number(/^(\d+)\.do\./.exec(name)?.[1] ?? 0)));

async function currentVersion(db: Db, schema?: string): Promise<number | undefined> {
  const table = schema ? `"${schema}".schemaversion` : 'schemaversion';
  try {
    const { rows } = await db.query<{ v: number | string | null }>(`SELECT max(version) AS v FROM ${table}`);
    return rows[0]?.v == null ? undefined : Number(rows[0].v);
  } catch {
    return undefined; // no table yet: a fresh database
  }
}
