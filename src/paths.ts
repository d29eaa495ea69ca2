import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json), whether running from src/ or dist/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'migrations'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Peerline project root');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');
/** The built web client (vite build of client/, made by `npm run build` or on the first `npm start`). */
export const CLIENT_DIR = join(PROJECT_ROOT, 'client', 'dist');
/** An initialised, migrated embedded database made by `npm run build` (scripts/make-pglite-template.mjs). */
export const PGLITE_TEMPLATE = join(PROJECT_ROOT, 'dist', 'pglite-template.tgz');
