import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/protocol/messages.js';
import { ack, ok, send, waitFor } from '../../src/testing/chat-helpers.js';
import { CLUSTER_ADMIN, startCluster, type Cluster } from '../../src/testing/cluster.js';
import { inviteSpecialist, login, request } from '../../src/testing/http-client.js';
import { serviceUrl } from '../../src/testing/real-services.js';
import { connectSocket, type TestSocket } from '../../src/testing/socket-client.js';

const databaseUrl = serviceUrl('DATABASE_URL');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A Redis of this test's own, persisting to an append-only file so a restart keeps live state. */
function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', () => reject(new Error(`redis-server exited:\n${out}`)));
  });
}

async function heapUsed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^peerline_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
}

describe.skipIf(!databaseUrl)('[REL2] Redis down under chat load', () => {
  let cluster: Cluster | undefined;
  let redis: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'peerline-redis-'));
  const sockets: TestSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.close().catch(() => undefined);
    redis?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  // CI runs a 3-second outage; FAULT_OUTAGES=3,8,30 runs the longer ones too.
  const outages = (process.env.FAULT_OUTAGES ?? '3').split(',').map(Number);
  it.each(outages)('[REL2] Redis down %i s: no crash, /readyz 503, actions answered UNAVAILABLE, automatic recovery, no acknowledged message lost', async (seconds) => {
    const port = await freePort();
    redis = await startRedis(port, dir);
    const redisUrl = `redis://127.0.0.1:${port}`;
    cluster = await startCluster(1, databaseUrl!, redisUrl, { CHAT_RECONNECT_GRACE_S: '120', SPECIALIST_GRACE_S: '120' });
    const node = cluster.nodes[0]!;
    const admin = await login(node.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const spec = await inviteSpecialist(node.url, admin, 'outage-spec');
    const specSocket = await connectSocket(node.url, { cookie: spec.cookie });
    sockets.push(specSocket);
    await ok(specSocket, 'shift:start', { capacity: 1 });
    const { token } = (await request<{ token: string }>(node.url, 'POST', '/api/v1/seekers')).body;
    const seeker = await connectSocket(node.url, { token });
    sockets.push(seeker);
    const matched = waitFor(seeker, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seeker, 'chat:request', {});
    await matched;
    const acked: Message[] = [];
    for (let i = 1; i <= 5; i++) acked.push((await send(i % 2 ? seeker : specSocket, sessionId, `before outage ${i}`)).message);
    const heapBefore = await heapUsed(node.url);

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    const down = await request<{ down: string[] }>(node.url, 'GET', '/readyz');
    expect(down.status).toBe(503);
    expect(down.body.down).toEqual(['redis']);
    const refused = await ack(seeker, 'message:send', { sessionId, clientMsgId: 'during', text: 'are you there?' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect((await request(node.url, 'POST', '/api/v1/seekers')).status).toBe(503);
    expect(node.process.child.exitCode).toBeNull();
    // The outage itself: Redis stays away this long (a fault being injected), while both people keep
    // trying to talk; every attempt must be answered UNAVAILABLE, and nothing may pile up in memory.
    const until = Date.now() + seconds * 1000;
    let attempts = 0;
    while (Date.now() < until) {
      const answers = await Promise.all([seeker, specSocket].map((s, i) => ack(s, 'message:send', { sessionId, clientMsgId: `down-${attempts}-${i}`, text: 'still there?' })));
      expect(answers.every((a) => !a.ok && a.error.code === 'UNAVAILABLE')).toBe(true);
      attempts += answers.length;
    }
    expect((await request(node.url, 'GET', '/readyz')).status).toBe(503);
    expect(node.process.child.exitCode).toBeNull();
    const heapDuring = await heapUsed(node.url);
    console.log(`REL2: Redis down ${seconds} s, ${attempts} sends answered UNAVAILABLE, heap ${(heapBefore / 2 ** 20).toFixed(1)} → ${(heapDuring / 2 ** 20).toFixed(1)} MB`);
    // Bounded: no offline queue grows with the attempts (a generous margin for GC timing).
    expect(heapDuring).toBeLessThan(heapBefore + 64 * 2 ** 20);

    redis = await startRedis(port, dir);
    await expect.poll(async () => (await request(node.url, 'GET', '/readyz')).status, { timeout: 20_000, interval: 200 }).toBe(200);
    await expect.poll(async () => (await ack(seeker, 'message:send', { sessionId, clientMsgId: 'after', text: 'back again' })).ok, { timeout: 20_000, interval: 250 }).toBe(true);
    const resumed = await ok<{ messages: Message[] }>(seeker, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(resumed.messages.slice(0, 5).map((m) => [m.seq, m.text])).toEqual(acked.map((m) => [m.seq, m.text]));
    expect(resumed.messages.at(-1)?.text).toBe('back again');
    expect(node.process.child.exitCode).toBeNull();
    for (const s of sockets.splice(0)) s.close();
    await cluster.close();
    cluster = undefined;
    redis.kill('SIGKILL');
  }, 120_000);
});
