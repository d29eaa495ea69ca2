// Builds dist/pglite-template.tgz: an embedded database already initialised and migrated. A first
// `npm start` with a new DATA_DIR loads it instead of running initdb, the slow part of PGlite's cold
// start (SPEC P5).
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { PgliteDb } = await import(join(root, 'dist/src/backends/postgres/pglite-db.js'));
const { migrate } = await import(join(root, 'dist/src/backends/postgres/migrate.js'));

const dir = mkdtempSync(join(tmpdir(), 'peerline-template-'));
const db = await PgliteDb.open({ dataDir: join(dir, 'data'), useTemplate: false });
await migrate(db);
await db.close();
const pg = await PGlite.create(join(dir, 'data'));
const dump = await pg.dumpDataDir('gzip');
await pg.close();
writeFileSync(join(root, 'dist', 'pglite-template.tgz'), Buffer.from(await dump.arrayBuffer()));
rmSync(dir, { recursive: true, force: true });
