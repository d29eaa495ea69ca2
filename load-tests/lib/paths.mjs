// Where things are, and the root's own packages: the baselines import socket.io, the Redis adapter
// and ioredis from the root node_modules, so their versions are exactly Peerline's.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const LOAD_TESTS = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(LOAD_TESTS, '..');
export const RESULTS = join(LOAD_TESTS, 'results');
export const SERVER = join(ROOT, 'dist', 'src', 'server.js');

const rootRequire = createRequire(join(ROOT, 'package.json'));

/** Import a package as the root project resolves it (never load-tests' own copy). */
export const importFromRoot = (name) => import(pathToFileURL(rootRequire.resolve(name)).href);

/** Import a module of the built server, e.g. 'src/core/secrets.js'. */
export const importDist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/test';
