import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDb } from '../src/backends/postgres/pglite-db.js';
import { pgliteWasm } from '../src/backends/postgres/pglite-wasm.js';
import { toWireError } from '../src/transport/wire-error.js';

describe('the embedded database (PGlite)', () => {
  let db: PgliteDb;
  beforeAll(async () => {
    db = await PgliteDb.open();
  });
  afterAll(async () => db.close());

  it('[P5] starts with 16 MB of shared buffers, not the 128 MB whose zeroing took ~600 ms of every start', async () => {
    const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(rows[0]?.shared_buffers).toBe('16MB');
  });

  it('[P5] every database in a process runs on the one WASM module, compiled once', async () => {
    const module = await pgliteWasm();
    expect(Object.prototype.toString.call(module)).toBe('[object WebAssembly.Module]');
    expect(await pgliteWasm()).toBe(module);
    // A second database instantiates the same module again and is a database of its own.
    const other = await PgliteDb.open();
    try {
      await other.query('CREATE TABLE only_here (id int)');
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'only_here'")).rows).toEqual([{ n: 0 }]);
    } finally {
      await other.close();
    }
  });

  it('[REL3] once closed, every call fails as UNAVAILABLE, and closing again is harmless', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerline-pglite-'));
    try {
      const closing = await PgliteDb.open({ dataDir: join(dir, 'data'), useTemplate: false });
      await closing.query('SELECT 1');
      await closing.close();
      const err = await closing.query('SELECT 1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(toWireError(err)).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      await expect(closing.close()).resolves.toBeUndefined();
      // What it wrote is on disk: the folder opens again.
      const again = await PgliteDb.open({ dataDir: join(dir, 'data') });
      expect((await again.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
