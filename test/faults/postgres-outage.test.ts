import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ok, send, waitFor } from '../../src/testing/chat-helpers.js';
import { inviteSpecialist, login, request } from '../../src/testing/http-client.js';
import { dropPrefix, serviceUrl, testPrefix } from '../../src/testing/real-services.js';
import { startServerProcess, type ServerProcess } from '../../src/testing/server-process.js';
import { connectSocket, type TestSocket } from '../../src/testing/socket-client.js';

const redisUrl = serviceUrl('REDIS_URL');
const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
const BIN = versions.length ? `/usr/lib/postgresql/${versions.at(-1)}/bin` : undefined;
const OUTAGE_S = Number(process.env.FAULT_PG_OUTAGE ?? 5);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A PostgreSQL of this test's own (initdb as the postgres user), so stopping it touches nothing else. */
function ownPostgres(dir: string, port: number) {
  const asPostgres = (cmd: string) => execFileSync('su', ['postgres', '-c', cmd], { stdio: 'pipe' });
  const data = join(dir, 'data');
  asPostgres(`${BIN}/initdb -D ${data} -A trust -U postgres >/dev/null`);
  const pgCtl = (action: string) =>
    asPostgres(`${BIN}/pg_ctl -D ${data} -l ${join(dir, 'log')} -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1" ${action}`);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, start: () => pgCtl('start'), stop: () => pgCtl('-m immediate stop') };
}

describe.skipIf(!redisUrl || !BIN)('[REL3] PostgreSQL down while people chat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peerline-pg-'));
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const prefix = testPrefix();
  const sockets: TestSocket[] = [];
  let server: ServerProcess | undefined;
  let db: ReturnType<typeof ownPostgres> | undefined;
  afterAll(async () => {
    for (const s of sockets) s.close();
    server?.child.kill('SIGKILL');
    try {
      db?.stop();
    } catch {
      // already stopped
    }
    await dropPrefix(redisUrl!, prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`[REL3] Postgres stopped ${OUTAGE_S} s: chats go on, /readyz names the database, metadata lands when it returns, 0 rows lost`, async () => {
    db = ownPostgres(dir, await freePort());
    db.start();
    server = startServerProcess(
      { PORT: '0', DATABASE_URL: db.url, REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: prefix, DATA_DIR: dir, BOOTSTRAP_ADMIN_USERNAME: 'pg-boss', BOOTSTRAP_ADMIN_PASSWORD: 'pg boss password' },
      dir,
    );
    const url = await server.listening;
    const admin = await login(url, 'pg-boss', 'pg boss password');
    const spec = await inviteSpecialist(url, admin, 'pg-spec');
    const specSocket = await connectSocket(url, { cookie: spec.cookie });
    sockets.push(specSocket);
    await ok(specSocket, 'shift:start', { capacity: 3 });

    db.stop();
    const ready = await request<{ down: string[] }>(url, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.down).toEqual(['database']);
    // Everything a chat needs lives in Redis: new seekers are matched, talk, and finish.
    const sessions: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { token } = (await request<{ token: string }>(url, 'POST', '/api/v1/seekers')).body;
      const seeker = await connectSocket(url, { token });
      sockets.push(seeker);
      const matched = waitFor(seeker, 'chat:matched');
      const { sessionId } = await ok<{ sessionId: string }>(seeker, 'chat:request', {});
      await matched;
      await send(seeker, sessionId, `talking while the database is away ${i}`);
      await send(specSocket, sessionId, 'I am here');
      await ok(seeker, 'chat:end', { sessionId });
      sessions.push(sessionId);
    }
    // The outage itself: the database stays away this long (a fault being injected).
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_S * 1000));
    expect(server.child.exitCode).toBeNull();

    db.start();
    await expect.poll(async () => (await request(url, 'GET', '/readyz')).status, { timeout: 20_000, interval: 250 }).toBe(200);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await expect
        .poll(async () => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM chat_sessions WHERE id = ANY($1::uuid[]) AND ended_at IS NOT NULL', [sessions])).rows[0]!.n), {
          timeout: 40_000,
          interval: 500,
        })
        .toBe(sessions.length);
      const { rows } = await client.query<{ seeker_messages: number }>('SELECT seeker_messages FROM chat_sessions WHERE id = ANY($1::uuid[])', [sessions]);
      expect(rows.every((r) => r.seeker_messages === 1)).toBe(true);
    } finally {
      await client.end();
    }
    expect(server.child.exitCode).toBeNull();
  }, 120_000);
});
