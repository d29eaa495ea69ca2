import { newSecret } from '../../core/secrets.js';
import type { Queryable } from './db.js';

/**
 * The server secret `name`, created at random by the first node that asks and read by every other
 * (PRIV2). It lives in Postgres, or with embedded defaults in the data directory's database, so
 * Redis, which holds the address hashes and the daily salts, never holds it.
 */
export async function serverSecret(db: Queryable, name: string): Promise<string> {
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, newSecret()]);
  const { rows } = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [name]);
  return rows[0]!.value;
}
