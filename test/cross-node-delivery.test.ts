import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../src/protocol/messages.js';
import { collect, ok, send, waitFor } from '../src/testing/chat-helpers.js';
import { anyRedisUrl } from '../src/testing/any-redis.js';
import { CLUSTER_ADMIN } from '../src/testing/cluster.js';
import { startEmbeddedNodes, type EmbeddedNodes } from '../src/testing/embedded-nodes.js';
import { inviteSpecialist, login, request } from '../src/testing/http-client.js';
import { connectSocket, type TestSocket } from '../src/testing/socket-client.js';

// REDIS_URL, or the redis-server test/global-setup.ts started: this runs in a plain `npm test` on
// any machine with redis-server installed, so an upgrade of socket.io, its Redis adapter or ioredis
// that breaks delivery between nodes fails there, not in production.
const redisUrl = anyRedisUrl();

describe.skipIf(!redisUrl)('two server processes on one Redis, each with its embedded database', () => {
  let cluster: EmbeddedNodes | undefined;
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

  it('[REL7] [CH1] a seeker on node A and a specialist on node B get each other\'s messages, in seq order', async () => {
    cluster = await startEmbeddedNodes(2, redisUrl!, { RATE_MESSAGES: '1000' });
    const [a, b] = cluster.nodes as [EmbeddedNodes['nodes'][0], EmbeddedNodes['nodes'][0]];
    // The specialist's account exists only in node B's database: they sign in there, and the seeker
    // is matched there too...
    const admin = await login(b.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const spec = await inviteSpecialist(b.url, admin, 'node-b-spec');
    const specSocket = await connect(b.url, { cookie: spec.cookie });
    await ok(specSocket, 'shift:start', { capacity: 1 });
    const { token } = (await request<{ token: string }>(b.url, 'POST', '/api/v1/seekers')).body;
    const onB = await connect(b.url, { token });
    const matched = waitFor(onB, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(onB, 'chat:request', {});
    await matched;
    onB.close();
    // ...then the seeker comes back on node A with the same token (kept in Redis), as a client does
    // when a load balancer sends its reconnect elsewhere.
    const seekerSocket = await connect(a.url, { token });
    const resumed = await ok<{ session: { status: string } }>(seekerSocket, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(resumed.session.status).toBe('active');

    const atSpec = collect<Message>(specSocket, 'message:new');
    const atSeeker = collect<Message>(seekerSocket, 'message:new');
    const sent: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const fromSeeker = i % 3 !== 0;
      const text = `${fromSeeker ? 'seeker on A' : 'specialist on B'} #${i}`;
      sent.push(text);
      expect((await send(fromSeeker ? seekerSocket : specSocket, sessionId, text)).message.seq).toBe(i);
    }
    // Each side hears its own messages from its own node and the other's only across Redis.
    await expect.poll(() => atSpec.length, { timeout: 5_000 }).toBe(10);
    await expect.poll(() => atSeeker.length, { timeout: 5_000 }).toBe(10);
    expect(atSpec.map((m) => [m.seq, m.text])).toEqual(sent.map((t, i) => [i + 1, t]));
    expect(atSeeker.map((m) => [m.seq, m.text])).toEqual(sent.map((t, i) => [i + 1, t]));

    // Both sides at once, each on its own node: every connection still hears 11..n in seq order,
    // its own node's messages never ahead of the other node's.
    const burst = (socket: TestSocket, who: string) => Promise.all(Array.from({ length: 60 }, (_, i) => send(socket, sessionId, `${who} burst ${i}`)));
    await Promise.all([burst(seekerSocket, 'seeker'), burst(specSocket, 'specialist')]);
    await expect.poll(() => atSpec.length, { timeout: 10_000 }).toBe(130);
    await expect.poll(() => atSeeker.length, { timeout: 10_000 }).toBe(130);
    const inOrder = Array.from({ length: 130 }, (_, i) => i + 1);
    expect(atSpec.map((m) => m.seq)).toEqual(inOrder);
    expect(atSeeker.map((m) => m.seq)).toEqual(inOrder);
  }, 60_000);
});
