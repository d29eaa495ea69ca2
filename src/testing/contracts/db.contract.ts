import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../backends/postgres/db.js';
import type { TestDb } from './repositories.contract.js';

/** The database port's own behaviour, the same on PGlite and Postgres (the repositories rely on it). */
export function dbContract(open: () => Promise<TestDb>): void {
  let t: TestDb;
  let db: Db;
  beforeAll(async () => {
    t = await open();
    db = t.db;
    await db.query('CREATE TABLE db_contract (id int PRIMARY KEY, note text)');
  });
  afterAll(async () => t.cleanup());

  const ids = async () => (await db.query<{ id: number }>('SELECT id FROM db_contract ORDER BY id')).rows.map((r) => r.id);

  it('[SEC3] a transaction commits all of its writes when its function resolves (a staff member with their invite)', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO db_contract (id, note) VALUES ($1, $2)', [1, 'staff']);
      await tx.query('INSERT INTO db_contract (id, note) VALUES ($1, $2)', [2, 'invite']);
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM db_contract')).rows[0]?.n;
    });
    expect(value).toBe(2);
    expect(await ids()).toEqual([1, 2]);
  });

  it('[SEC3] a transaction whose function throws leaves none of its writes, and the caller gets its own error', async () => {
    const mine = new Error('changed my mind');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO db_contract (id, note) VALUES ($1, $2)', [3, 'half']);
        throw mine;
      }),
    ).rejects.toBe(mine);
    expect(await ids()).toEqual([1, 2]);
  });

  it("[SEC1] a statement that fails rejects with Postgres's code and detail, and the database goes on", async () => {
    const err = (await db.query('INSERT INTO db_contract (id, note) VALUES (1, $1)', ['again']).catch((e: unknown) => e)) as Error & { code?: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('23505');
    expect(err.message).toContain('db_contract_pkey');
    const inTx = await db.transaction((tx) => tx.query('INSERT INTO db_contract (id) VALUES (2)')).catch((e: unknown) => e);
    expect((inTx as { code?: string }).code).toBe('23505');
    expect(await ids()).toEqual([1, 2]);
  });

  it('[OPS1] a session runs multi-statement scripts (migrations) and parameterised queries', async () => {
    await db.session(async (s) => {
      await s.exec('INSERT INTO db_contract (id) VALUES (10); INSERT INTO db_contract (id) VALUES (11);');
      expect((await s.query<{ n: number }>('SELECT count(*)::int AS n FROM db_contract WHERE id >= $1', [10])).rows).toEqual([{ n: 2 }]);
    });
    expect(await ids()).toEqual([1, 2, 10, 11]);
  });
}
