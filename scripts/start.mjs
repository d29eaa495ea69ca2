// `npm start`: build what is missing or stale, then run the server in this same process (one Node
// start instead of two before the server's own; SPEC P5).
import { ensureBuild } from './ensure-build.mjs';

ensureBuild();
await import('../dist/src/server.js');
