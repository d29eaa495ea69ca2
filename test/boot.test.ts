import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { START_SCRIPT, startServerProcess } from '../src/testing/server-process.js';
import { connectSocket, nextEvent } from '../src/testing/socket-client.js';

describe('the built server as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peerline-boot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('[OPS1] boots with an empty environment on the embedded backends and serves /healthz; SIGTERM exits cleanly [REL4]; loads no networked driver, ajv, the migrator nor unused rate-limiter stores [P5]', async () => {
    // A preload that lists, at exit, every CommonJS module the process loaded (ESM imports of
    // CommonJS packages land in the same cache), and a loader hook that lists every ES module
    // resolved (a hook runs on a thread of its own, so it appends as it goes).
    const preload = join(dir, 'list-loaded.cjs');
    const loaded = join(dir, 'loaded.txt');
    const esmLoaded = join(dir, 'esm-loaded.txt');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, Object.keys(require.cache).join('\\n')));`);
    const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) { const r = await next(specifier, context); appendFileSync(${JSON.stringify(esmLoaded)}, r.url + '\\n'); return r; }`;
    const register = join(dir, 'register-hooks.mjs');
    writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`);
    const server = startServerProcess({ PORT: '0', NODE_OPTIONS: `--require ${preload} --import ${register}` }, dir);
    const url = await server.listening;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(server.output()).toContain('No admin account exists yet');
    const { token } = (await (await fetch(`${url}/api/v1/seekers`, { method: 'POST' })).json()) as { token: string };
    const socket = await connectSocket(url, { token });
    const dropped = nextEvent<string>(socket, 'disconnect');
    server.child.kill('SIGTERM');
    // Told to reconnect (a transport close, which clients retry), not kicked out for good.
    expect(await dropped).toBe('transport close');
    expect(await server.exited).toBe(0);
    // The embedded start never loads pg, ioredis or the Redis adapter, nor Fastify's JSON-schema
    // compilers (routes use zod's): each costs start-up time.
    const modules = readFileSync(loaded, 'utf8').split('\n');
    expect(modules.some((m) => m.includes('/node_modules/fastify/'))).toBe(true);
    expect(modules.filter((m) => /\/node_modules\/(pg|ioredis|@socket\.io\/redis-streams-adapter|ajv|@fastify\/ajv-compiler)\//.test(m))).toEqual([]);
    // rate-limiter-flexible through its documented entry point, not by paths inside it (REL7).
    expect(modules.some((m) => m.endsWith('/node_modules/rate-limiter-flexible/index.js'))).toBe(true);
    // Nor postgrator (and its glob): the new DATA_DIR starts from the built template, already migrated.
    const esModules = readFileSync(esmLoaded, 'utf8').split('\n');
    expect(esModules.some((m) => m.includes('/node_modules/@electric-sql/pglite/'))).toBe(true);
    expect(esModules.filter((m) => /\/node_modules\/(postgrator|glob)\//.test(m))).toEqual([]);
  });

  it('[OPS1] [P5] npm start runs the build check and the server in one process, which SIGTERM ends', async () => {
    const data = mkdtempSync(join(tmpdir(), 'peerline-boot-start-'));
    const server = startServerProcess({ PORT: '0', DATA_DIR: data, PATH: process.env.PATH ?? '' }, dir, START_SCRIPT);
    const url = await server.listening;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // Built before the tests: nothing to build, and no second Node process for the server.
    expect(server.output()).not.toContain('Building the Peerline');
    expect(server.output()).toContain(`"pid":${server.child.pid}`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    rmSync(data, { recursive: true, force: true });
  });

  it('stops with one line naming the variable and exit code 1 on a bad value', async () => {
    const server = startServerProcess({ PORT: 'not-a-port', DATA_DIR: dir }, dir);
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT: /);
  });

  it('creates the bootstrap admin from BOOTSTRAP_ADMIN_* and prints no setup token', async () => {
    const data = mkdtempSync(join(tmpdir(), 'peerline-boot-admin-'));
    const server = startServerProcess(
      { PORT: '0', DATA_DIR: data, BOOTSTRAP_ADMIN_USERNAME: 'boss', BOOTSTRAP_ADMIN_PASSWORD: 'a very long password' },
      dir,
    );
    const url = await server.listening;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'boss', password: 'a very long password' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { staff: { role: string } }).staff.role).toBe('admin');
    expect(server.output()).not.toContain('setup token');
    expect(server.output()).not.toContain('a very long password');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    rmSync(data, { recursive: true, force: true });
  });
});
