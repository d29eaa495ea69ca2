// `npm start`: build what is missing or stale, then run the server in this same process (one Node
// start instead of two before the server's own; SPEC P5).
import { ensureBuild } from './ensure-build.mjs';

ensureBuild();
// With the embedded database (DATABASE_URL unset or blank, as src/config.ts reads it), its WASM
// compiles on another core while the server's modules load. Errors surface where the database opens.
if (!process.env.DATABASE_URL?.trim()) {
  const { pgliteWasm } = await import('../dist/src/backends/postgres/pglite-wasm.js');
  pgliteWasm().catch(() => {});
}
await import('../dist/src/server.js');
