import { join } from 'node:path';
import Postgrator from 'postgrator';
import { MIGRATIONS_DIR } from '../../paths.js';
import type { Db } from './db.js';

const MIGRATION_LOCK = 727_274_001;

/**
 * Apply the SQL migrations in migrations/ (postgrator's NNN.do.name.sql files) on either backend.
 * On Postgres an advisory lock makes nodes that boot together take turns.
 */
export async function migrate(db: Db, schema?: string): Promise<{ from: number; to: number }> {
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
