import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

// Light on purpose (no PGlite import): scripts/start.mjs imports it first, to start compiling while
// the rest of the server's modules load.

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * PGlite's WASM (Postgres, 9 MB), compiled once per process and shared by every PgliteDb.
 *
 * It is compiled whole, in the background. V8 otherwise compiles each function on the main thread
 * the first time Postgres calls it, during every start; compiled ahead, while the other modules
 * load, that work sits on another core and the start is shorter (SPEC P5). The price is more
 * resident code. Eager compilation is a process-wide V8 flag that V8 reads while it compiles, so
 * it stays off until this compile is done; anything else compiled meanwhile (undici's small HTTP
 * parser, for a webhook) is compiled whole too. Lazy compilation is Node's default and is turned
 * back on afterwards.
 */
export function pgliteWasm(): Promise<WebAssembly.Module> {
  compiled ??= compile();
  return compiled;
}

async function compile(): Promise<WebAssembly.Module> {
  const pgliteDist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const bytes = readFileSync(join(pgliteDist, 'pglite.wasm'));
  setFlagsFromString('--no-wasm-lazy-compilation');
  try {
    return await WebAssembly.compile(bytes);
  } finally {
    setFlagsFromString('--wasm-lazy-compilation');
  }
}
