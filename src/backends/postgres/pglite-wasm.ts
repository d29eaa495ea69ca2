import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Light on purpose (no PGlite import): scripts/start.mjs imports it first, to start compiling while
// the rest of the server's modules load.

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * PGlite's WASM (Postgres, 9 MB), compiled once per process and shared by every PgliteDb. The
 * compile starts while the other modules load (scripts/start.mjs), so it overlaps them (SPEC P5).
 */
export function pgliteWasm(): Promise<WebAssembly.Module> {
  compiled ??= compile();
  return compiled;
}

async function compile(): Promise<WebAssembly.Module> {
  const pgliteDist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const bytes = readFileSync(join(pgliteDist, 'pglite.wasm'));
  return WebAssembly.compile(bytes);
}
