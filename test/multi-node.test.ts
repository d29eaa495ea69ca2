import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../src/protocol/messages.js';
import { ok, send, waitFor } from '../src/testing/chat-helpers.js';
import { CLUSTER_ADMIN, startCluster, type Cluster } from '../src/testing/cluster.js';
import { inviteSpecialist, login, request } from '../src/testing/http-client.js';
import { serviceUrl } from '../src/testing/real-services.js';
import { connectSocket, type TestSocket } from '../src/testing/socket-client.js';

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');

describe.skipIf(!databaseUrl || !redisUrl)('two server processes sharing Redis and Postgres', () => {
  let cluster: Cluster | undefined;
  const sockets: TestSocket[] = [];
  const connect = async (...args: Parameters<typeof connectSocket>) => {
    const socket = await connectSocket(...args);
    sockets.push(socket);
    return socket;
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await cluster?.close();
    cluster = undefined;
  });

  /** A seeker on node A and a specialist on node B, matched. */
  async function pairAcrossNodes(env: Record<string, string> = {}) {
    cluster = await startCluster(2, databaseUrl!, redisUrl!, env);
    const [a, b] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const admin = await login(b.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const spec = await inviteSpecialist(b.url, admin, 'node-b-spec');
    const specSocket = await connect(b.url, { cookie: spec.cookie });
    await ok(specSocket, 'shift:start', { capacity: 2 });
    const seeker = (await request<{ token: string }>(a.url, 'POST', '/api/v1/seekers')).body;
    const seekerSocket = await connect(a.url, { token: seeker.token });
    const assigned = waitFor<{ sessionId: string }>(specSocket, 'chat:assigned');
    const { sessionId } = await ok<{ sessionId: string }>(seekerSocket, 'chat:request', {});
    expect((await assigned).sessionId).toBe(sessionId);
    return { a, b, seeker, seekerSocket, specSocket, sessionId };
  }

  it('[MQ9] [CH1] a seeker on node A and a specialist on node B chat, in seq order both ways', async () => {
    const { seekerSocket, specSocket, sessionId } = await pairAcrossNodes();
    const atSpec: Message[] = [];
    const atSeeker: Message[] = [];
    specSocket.on('message:new', (m) => atSpec.push(m));
    seekerSocket.on('message:new', (m) => atSeeker.push(m));
    for (let i = 1; i <= 10; i++) await send(i % 3 === 0 ? specSocket : seekerSocket, sessionId, `n${i}`);
    await expect.poll(() => atSpec.length).toBe(10);
    await expect.poll(() => atSeeker.length).toBe(10);
    expect(atSpec.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(atSeeker.map((m) => m.text)).toEqual(atSpec.map((m) => m.text));
  });

  it('[MQ9] [MQ1] seekers and specialists spread over both nodes: nobody matched twice, nobody above capacity', async () => {
    // Twenty seekers come from one test address: lift the per-address budget for new identities.
    cluster = await startCluster(2, databaseUrl!, redisUrl!, { RATE_SEEKER_TOKENS: '1000' });
    const nodes = cluster.nodes;
    const admin = await login(nodes[0]!.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const specs = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const s = await inviteSpecialist(nodes[0]!.url, admin, `spread-${i}`);
        const socket = await connect(nodes[i % 2]!.url, { cookie: s.cookie });
        const assigned: string[] = [];
        socket.on('chat:assigned', (e) => assigned.push(e.sessionId));
        await ok(socket, 'shift:start', { capacity: 2 });
        return { assigned };
      }),
    );
    const seekers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const node = nodes[i % 2]!;
        const { token } = (await request<{ token: string }>(node.url, 'POST', '/api/v1/seekers')).body;
        const socket = await connect(node.url, { token });
        const matched: string[] = [];
        socket.on('chat:matched', (e) => matched.push(e.sessionId));
        return { socket, matched };
      }),
    );
    await Promise.all(seekers.map((s) => ok(s.socket, 'chat:request', {})));
    await expect.poll(() => specs.reduce((n, s) => n + s.assigned.length, 0)).toBe(8);
    await expect.poll(() => seekers.filter((s) => s.matched.length > 0).length).toBe(8);
    for (const s of specs) expect(s.assigned.length).toBeLessThanOrEqual(2);
    for (const s of seekers) expect(s.matched.length).toBeLessThanOrEqual(1);
    const all = specs.flatMap((s) => s.assigned);
    expect(new Set(all).size).toBe(all.length);
  }, 60_000);

  it('[MOD4] a crisis message sent on node A reaches a moderator on node B in under a second', async () => {
    const { b, seekerSocket, sessionId } = await pairAcrossNodes();
    const admin = await login(b.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const mod = await inviteSpecialist(b.url, admin, 'node-b-moderator', [], 'moderator');
    const modSocket = await connect(b.url, { cookie: mod.cookie });
    await ok(modSocket, 'flags:subscribe', {});
    const flagged = waitFor<{ sessionId: string; severity: string }>(modSocket, 'flag:new', (f) => f.sessionId === sessionId, 1_000);
    await send(seekerSocket, sessionId, 'I want to end my life');
    expect(await flagged).toMatchObject({ sessionId, severity: 'high' });
  }, 60_000);

  it('[REL1] [CH4] node A killed with SIGKILL mid-chat: the seeker resumes on node B with every acknowledged message', async () => {
    const { a, b, seeker, seekerSocket, specSocket, sessionId } = await pairAcrossNodes({ CHAT_RECONNECT_GRACE_S: '30' });
    const acked: Message[] = [];
    for (let i = 1; i <= 6; i++) acked.push((await send(i % 2 ? seekerSocket : specSocket, sessionId, `before-kill-${i}`)).message);
    a.process.child.kill('SIGKILL');
    await a.process.exited;
    // While the seeker is away, the specialist keeps writing.
    acked.push((await send(specSocket, sessionId, 'while you were away')).message);
    const back = await connect(b.url, { token: seeker.token });
    const resumed = await ok<{ session: { status: string }; messages: Message[] }>(back, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(resumed.session.status).toBe('active');
    expect(resumed.messages.map((m) => [m.seq, m.text])).toEqual(acked.map((m) => [m.seq, m.text]));
    const next = waitFor<Message>(specSocket, 'message:new', (m) => m.text === 'back on node B');
    await send(back, sessionId, 'back on node B');
    expect((await next).seq).toBe(acked.length + 1);
  }, 60_000);

  it('[CH7] a grace timer set by a node that then dies still fires on the surviving node', async () => {
    // No sweep: only the deadline that node A stored in Redis can end this chat.
    const { a, seekerSocket, specSocket, sessionId } = await pairAcrossNodes({ CHAT_RECONNECT_GRACE_S: '2', SWEEP_INTERVAL_S: '0' });
    const reconnecting = waitFor<{ peer: string }>(specSocket, 'chat:peer', (p) => p.peer === 'reconnecting');
    seekerSocket.close(); // node A stores the seeker's grace deadline...
    await reconnecting;
    a.process.child.kill('SIGKILL'); // ...and dies before it falls due.
    const ended = await waitFor<{ sessionId: string; endedBy: string; reason: string }>(specSocket, 'chat:ended', undefined, 15_000);
    expect(ended).toMatchObject({ sessionId, endedBy: 'system', reason: 'seeker_disconnected' });
  }, 60_000);

  it('[CH7] [MQ6] when a node dies without a word, its seekers get their grace period from the sweep', async () => {
    const { a, specSocket, sessionId } = await pairAcrossNodes({ CHAT_RECONNECT_GRACE_S: '1', PRESENCE_TTL_S: '3', SWEEP_INTERVAL_S: '1' });
    a.process.child.kill('SIGKILL'); // no disconnect handler runs on A
    const reconnecting = await waitFor<{ sessionId: string; peer: string }>(specSocket, 'chat:peer', (p) => p.peer === 'reconnecting', 40_000);
    expect(reconnecting.sessionId).toBe(sessionId);
    const ended = await waitFor<{ endedBy: string }>(specSocket, 'chat:ended', undefined, 15_000);
    expect(ended.endedBy).toBe('system');
  }, 90_000);
});
