import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';
import type { Message } from '../src/protocol/messages.js';
import { ok, send, waitFor } from '../src/testing/chat-helpers.js';
import { inviteSpecialist, login, request } from '../src/testing/http-client.js';
import { createTestDatabase, dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';
import { connectSocket, type TestSocket } from '../src/testing/socket-client.js';

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');

describe.skipIf(!databaseUrl || !redisUrl)('npm run cluster: nodes behind a load balancer, without Docker', () => {
  const sockets: TestSocket[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of cleanups) await c();
  });

  it('[OPS3] serves a whole chat through the balancer, websockets included, and stops cleanly', async () => {
    const db = await createTestDatabase(databaseUrl!);
    const prefix = testPrefix();
    cleanups.push(() => db.drop(), () => dropPrefix(redisUrl!, prefix));
    const admin = { username: 'cluster-boss', password: 'cluster boss password' };
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'cluster.mjs')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODES: '2',
        CLUSTER_PORT: '0',
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl!,
        REDIS_KEY_PREFIX: prefix,
        LOG_LEVEL: 'info',
        BOOTSTRAP_ADMIN_USERNAME: admin.username,
        BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.unshift(async () => void child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const match = /Peerline cluster of 2 nodes at (http:\/\/[\d.:]+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error(`cluster exited:\n${out}`)));
    });
    expect((await request(base, 'GET', '/healthz')).status).toBe(200);
    const adminCookie = await login(base, admin.username, admin.password);
    const spec = await inviteSpecialist(base, adminCookie, 'behind-the-balancer');
    const specSocket = await connectSocket(base, { cookie: spec.cookie });
    sockets.push(specSocket);
    await ok(specSocket, 'shift:start', { capacity: 1 });
    const { token } = (await request<{ token: string }>(base, 'POST', '/api/v1/seekers')).body;
    const seeker = await connectSocket(base, { token });
    sockets.push(seeker);
    const matched = waitFor(seeker, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seeker, 'chat:request', {});
    await matched;
    const heard = waitFor<Message>(specSocket, 'message:new');
    await send(seeker, sessionId, 'hello through the balancer');
    expect((await heard).text).toBe('hello through the balancer');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
