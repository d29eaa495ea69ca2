import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/protocol/messages.js';
import { ok, send, waitFor } from '../../src/testing/chat-helpers.js';
import { CLUSTER_ADMIN, startCluster, type Cluster } from '../../src/testing/cluster.js';
import { inviteSpecialist, login, request } from '../../src/testing/http-client.js';
import { serviceUrl } from '../../src/testing/real-services.js';
import { connectSocket, nextEvent, type TestSocket } from '../../src/testing/socket-client.js';

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');
const CHATS = 50;

describe.skipIf(!databaseUrl || !redisUrl)('node failures under load', () => {
  let cluster: Cluster | undefined;
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await cluster?.close();
    cluster = undefined;
  });

  /** `count` live chats: seekers on node A, specialists (capacity 5) on node B, each with acked messages. */
  async function liveChats(count: number) {
    cluster = await startCluster(2, databaseUrl!, redisUrl!, { RATE_SEEKER_TOKENS: '10000', CHAT_RECONNECT_GRACE_S: '120', RATE_FAILED_LOGINS: '10000' });
    const [a, b] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const admin = await login(b.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const specs = await Promise.all(
      Array.from({ length: count / 5 }, async (_, i) => {
        const s = await inviteSpecialist(b.url, admin, `load-spec-${i}`);
        const socket = await connectSocket(b.url, { cookie: s.cookie });
        sockets.push(socket);
        await ok(socket, 'shift:start', { capacity: 5 });
        return socket;
      }),
    );
    const chats = await Promise.all(
      Array.from({ length: count }, async () => {
        const { token } = (await request<{ token: string }>(a.url, 'POST', '/api/v1/seekers')).body;
        const socket = await connectSocket(a.url, { token });
        sockets.push(socket);
        const matched = waitFor<{ sessionId: string }>(socket, 'chat:matched');
        const { sessionId } = await ok<{ sessionId: string }>(socket, 'chat:request', {});
        await matched;
        const acked: Message[] = [];
        for (let i = 0; i < 3; i++) acked.push((await send(socket, sessionId, `message ${i} of ${sessionId.slice(0, 6)}`)).message);
        return { token, socket, sessionId, acked };
      }),
    );
    expect(specs).toHaveLength(count / 5);
    return { a, b, chats };
  }

  it(`[REL1] SIGKILL one of two nodes with ${CHATS} live chats: every seeker resumes on the survivor, 0 acknowledged messages lost`, async () => {
    const { a, b, chats } = await liveChats(CHATS);
    const killedAt = performance.now();
    a.process.child.kill('SIGKILL');
    await a.process.exited;
    const resumed = await Promise.all(
      chats.map(async (chat) => {
        const socket = await connectSocket(b.url, { token: chat.token });
        sockets.push(socket);
        const res = await ok<{ messages: Message[] }>(socket, 'chat:resume', { sessionId: chat.sessionId, afterSeq: 0 });
        return { chat, messages: res.messages };
      }),
    );
    const seconds = (performance.now() - killedAt) / 1000;
    let lost = 0;
    for (const { chat, messages } of resumed) {
      const got = new Set(messages.map((m) => m.id));
      lost += chat.acked.filter((m) => !got.has(m.id)).length;
      expect(messages.map((m) => m.seq)).toEqual(chat.acked.map((m) => m.seq));
    }
    console.log(`REL1: ${CHATS} chats resumed on the surviving node ${seconds.toFixed(2)} s after SIGKILL; acknowledged messages lost: ${lost}`);
    expect(lost).toBe(0);
  }, 120_000);

  it('[REL4] SIGTERM under load: clients are told to reconnect, metadata is flushed, the node exits within 10 s', async () => {
    const { a, chats } = await liveChats(20);
    const drops = chats.map((c) => nextEvent<string>(c.socket, 'disconnect'));
    const started = performance.now();
    a.process.child.kill('SIGTERM');
    const code = await a.process.exited;
    const seconds = (performance.now() - started) / 1000;
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(10);
    // 'transport close' is the reason a Socket.IO client reconnects on its own (to another node).
    expect(new Set(await Promise.all(drops))).toEqual(new Set(['transport close']));
    const db = new pg.Client({ connectionString: cluster!.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM chat_sessions WHERE id = ANY($1::uuid[])', [chats.map((c) => c.sessionId)]);
      expect(Number(rows[0]!.n)).toBe(chats.length);
    } finally {
      await db.end();
    }
    console.log(`REL4: node with 20 live chats exited ${seconds.toFixed(2)} s after SIGTERM`);
  }, 120_000);
});
