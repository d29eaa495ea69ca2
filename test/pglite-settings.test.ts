import { describe, expect, it } from 'vitest';
import { PgliteDb } from '../src/backends/postgres/pglite-db.js';

describe('the embedded database (PGlite)', () => {
  it('[P5] starts with 16 MB of shared buffers, not the 128 MB whose zeroing took ~600 ms of every start', async () => {
    const db = await PgliteDb.open();
    try {
      const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows[0]?.shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
  });
});
