import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { actorKey } from '../../src/core/chat/actor.js';
import { hashSecret, newSecret } from '../../src/core/secrets.js';
import type { Message } from '../../src/protocol/messages.js';
import { STAFF_COOKIE } from '../../src/protocol/http.js';
import { ack, collect, newSeeker, ok, pairOnNewTopic, send, waitFor } from '../../src/testing/chat-helpers.js';
import { CLUSTER_ADMIN, startCluster, type Cluster, type ClusterNode } from '../../src/testing/cluster.js';
import { inviteSpecialist, login, request } from '../../src/testing/http-client.js';
import { serviceUrl } from '../../src/testing/real-services.js';
import { connectSocket, nextEvent, type ConnectOptions, type TestSocket } from '../../src/testing/socket-client.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../../src/testing/test-app.js';
import { eventBudget } from '../../src/transport/socket/event-limits.js';

/** Low, so a test reaches every budget quickly; the other events' budgets follow from it. */
const RATE_MESSAGES = 4;

type Refusal = Error & { data?: { code?: string; message?: string } };
type Answer = Awaited<ReturnType<typeof ack>>;

const refusals = (results: Answer[]) => results.filter((r): r is Extract<Answer, { ok: false }> => !r.ok).map((r) => r.error as { code: string; retryAfterMs?: number });

/** Every refusal is RATE_LIMITED, with a wait within the 10 s window. */
const expectRateLimited = (results: Answer[], count: number) => {
  const refused = refusals(results);
  expect(refused).toHaveLength(count);
  for (const error of refused) {
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(10_000);
  }
};

describe.each(backendKinds())('attacks on the socket layer, %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  const sockets: TestSocket[] = [];
  const track = (...more: TestSocket[]) => (sockets.push(...more), more);
  const pair = async () => {
    const chat = await pairOnNewTopic(t.app, t.url, admin);
    track(chat.spec.socket, chat.seek.socket);
    return chat;
  };
  /** `n` more sockets of one identity, as more tabs. */
  const tabs = async (auth: ConnectOptions, n: number) => track(...(await Promise.all(Array.from({ length: n }, () => connectSocket(t.url, auth)))));
  beforeAll(async () => {
    t = await startTestApp(kind, { RATE_MESSAGES: String(RATE_MESSAGES) });
    admin = await signInAdmin(t.app);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => t?.close());

  it('[SEC1] a frame over 64 KB closes that one socket: its identity\'s other sockets and everyone else carry on, nothing is stored, it reconnects', async () => {
    const attacker = await pair();
    const [sameIdentity] = await tabs({ token: attacker.seek.token }, 1);
    const bystander = await pair();
    const dropped = nextEvent<string>(attacker.seek.socket, 'disconnect');
    // No ack wanted: the connection is closed before any answer.
    (attacker.seek.socket as unknown as { emit(e: string, p: unknown): void }).emit('message:send', { sessionId: attacker.sessionId, clientMsgId: 'big', text: 'x'.repeat(70_000) });
    expect(await dropped).toMatch(/transport (close|error)|parse error/);
    expect((await send(sameIdentity!, attacker.sessionId, 'still here')).message.seq).toBe(1);
    expect((await send(bystander.seek.socket, bystander.sessionId, 'all good here')).message.seq).toBe(1);
    expect((await t.app.backends.history.after(attacker.sessionId, 0)).map((m) => m.text)).toEqual(['still here']);
    attacker.seek.socket.connect();
    await nextEvent(attacker.seek.socket, 'connect');
    const resumed = await ok<{ messages: Message[] }>(attacker.seek.socket, 'chat:resume', { sessionId: attacker.sessionId, afterSeq: 0 });
    expect(resumed.messages.map((m) => m.text)).toEqual(['still here']);
  });

  it('[SEC2] ten sockets of one token together get RATE_MESSAGES messages a window, not ten times that; the sockets stay up', async () => {
    const flooder = await pair();
    const all = [flooder.seek.socket, ...(await tabs({ token: flooder.seek.token }, 9))];
    const calm = await pair();
    const results = await Promise.all(
      all.flatMap((s, i) => [0, 1, 2].map((j) => ack(s, 'message:send', { sessionId: flooder.sessionId, clientMsgId: `f${i}-${j}`, text: `flood ${i}.${j}` }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(RATE_MESSAGES);
    expectRateLimited(results, all.length * 3 - RATE_MESSAGES);
    expect(await t.app.backends.history.after(flooder.sessionId, 0)).toHaveLength(RATE_MESSAGES);
    expect(all.every((s) => s.connected)).toBe(true);
    // Another identity's budget is its own; the specialist's too.
    expect((await send(calm.seek.socket, calm.sessionId, 'unaffected')).message.text).toBe('unaffected');
    expect((await send(flooder.spec.socket, flooder.sessionId, 'the specialist can still write')).message.seq).toBe(RATE_MESSAGES + 1);
  });

  it('[SEC2] messages at chats that are not the sender\'s count too: a flood of them is cut', async () => {
    const prober = await newSeeker(t.app, t.url);
    track(prober.socket);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ack(prober.socket, 'message:send', { sessionId: randomUUID(), clientMsgId: `p${i}`, text: 'hello?' })));
    expect(refusals(results).filter((e) => e.code === 'NOT_FOUND')).toHaveLength(RATE_MESSAGES);
    expectRateLimited(results.filter((r) => r.ok || r.error.code !== 'NOT_FOUND'), 20 - RATE_MESSAGES);
  });

  it('[SEC2] [CH3] messages moderation blocks and retries of a stored message spend nothing: RATE_MESSAGES new ones still go through, and no more', async () => {
    const p = await pair();
    const sendAs = (clientMsgId: string, text: string) => ack(p.seek.socket, 'message:send', { sessionId: p.sessionId, clientMsgId, text });
    for (let i = 0; i < 2 * RATE_MESSAGES; i++) expect(await sendAs(`rude${i}`, 'f.u.c.k you')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const first = await sendAs('m0', 'hello');
    expect(first).toMatchObject({ ok: true, message: { seq: 1 } });
    for (let i = 0; i < 2 * RATE_MESSAGES; i++) expect(await sendAs('m0', 'hello')).toEqual(first);
    for (let i = 1; i < RATE_MESSAGES; i++) expect(await sendAs(`m${i}`, `message ${i}`)).toMatchObject({ ok: true, message: { seq: i + 1 } });
    expectRateLimited([await sendAs('one-too-many', 'and another')], 1);
    expect(await t.app.backends.history.after(p.sessionId, 0)).toHaveLength(RATE_MESSAGES);
  });

  it('[SEC2] a typing burst from several sockets of one identity is cut to its budget, dropped without a word', async () => {
    const typist = await pair();
    const all = [typist.seek.socket, ...(await tabs({ token: typist.seek.token }, 2))];
    const heard = collect<{ sender: string }>(typist.spec.socket, 'typing');
    for (const s of all) for (let i = 0; i < 40; i++) s.emit('typing', { sessionId: typist.sessionId, typing: i % 2 === 0 });
    // A socket's events are handled in order: once each answers a later event, its typing events
    // have all been counted and the allowed ones relayed...
    await Promise.all(all.map((s) => ok(s, 'chat:resume', { sessionId: typist.sessionId, afterSeq: 0 })));
    // ...and a message relayed after them reaches the specialist after them.
    const marker = waitFor<Message>(typist.spec.socket, 'message:new');
    await send(typist.seek.socket, typist.sessionId, 'done typing');
    await marker;
    expect(heard.filter((e) => e.sender === 'seeker')).toHaveLength(eventBudget('typing', RATE_MESSAGES));
    expect(all.every((s) => s.connected)).toBe(true);
  });

  it('[SEC2] a chat:resume burst gets RATE_LIMITED past its budget, with the wait; the sockets stay up and other events still work', async () => {
    const p = await pair();
    const all = [p.seek.socket, ...(await tabs({ token: p.seek.token }, 2))];
    const results = await Promise.all(all.flatMap((s) => Array.from({ length: 30 }, () => ack(s, 'chat:resume', { sessionId: p.sessionId, afterSeq: 0 }))));
    const budget = eventBudget('chat:resume', RATE_MESSAGES);
    expect(results.filter((r) => r.ok)).toHaveLength(budget);
    expectRateLimited(results, all.length * 30 - budget);
    expect(all.every((s) => s.connected)).toBe(true);
    expect((await send(all[2]!, p.sessionId, 'still talking')).message.seq).toBe(1);
    expect(await ack(p.spec.socket, 'chat:resume', { sessionId: p.sessionId, afterSeq: 0 })).toMatchObject({ ok: true });
  });

  it('[SEC2] a burst of handshakes on one token lets in MAX_SOCKETS_PER_IDENTITY; the rest are refused at connect, the first keep working, a closed one frees its place', async () => {
    const p = await pair();
    const max = t.config.MAX_SOCKETS_PER_IDENTITY;
    const attempts = await Promise.allSettled(Array.from({ length: 2 * max }, () => connectSocket(t.url, { token: p.seek.token })));
    const admitted = track(...attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : [])));
    const refused = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as Refusal] : []));
    expect(admitted).toHaveLength(max - 1);
    expect(refused).toHaveLength(max + 1);
    for (const err of refused) {
      expect(err.message).toBe('RATE_LIMITED');
      expect(err.data).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining(String(max)) });
    }
    expect([p.seek.socket, ...admitted].every((s) => s.connected)).toBe(true);
    expect((await send(admitted[0]!, p.sessionId, 'from a tab that got in')).message.seq).toBe(1);
    expect(await ack(p.seek.socket, 'chat:resume', { sessionId: p.sessionId, afterSeq: 0 })).toMatchObject({ ok: true });
    await expect(connectSocket(t.url, { token: p.seek.token })).rejects.toThrow('RATE_LIMITED');
    const seeker = await t.app.services.seekers.verify(p.seek.token);
    const key = actorKey({ kind: 'seeker', ...seeker! });
    admitted[0]!.close();
    await vi.waitFor(async () => expect(await t.app.backends.presence.count(key)).toBe(max - 1), { timeout: 5_000, interval: 20 });
    track(await connectSocket(t.url, { token: p.seek.token }));
    expect(await t.app.backends.presence.count(key)).toBe(max);
  });

  it('[CH5] no event joins another room: made-up events and room names do nothing', async () => {
    const victim = await pair();
    const snooper = await newSeeker(t.app, t.url);
    track(snooper.socket);
    const overheard = collect<Message>(snooper.socket, 'message:new');
    for (const event of ['join', 'subscribe', 'socketsJoin', 'chat:join', 'room:join']) {
      snooper.socket.emit(event as 'typing', { room: `session:${victim.sessionId}`, sessionId: victim.sessionId } as never);
    }
    expect(await ack(snooper.socket, 'chat:resume', { sessionId: victim.sessionId, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const heard = waitFor<Message>(victim.spec.socket, 'message:new');
    await send(victim.seek.socket, victim.sessionId, 'just between us');
    await heard;
    // The snooper's own round trip proves the broadcast had time to arrive if it was going to.
    await ack(snooper.socket, 'chat:cancel', { sessionId: randomUUID() });
    expect(overheard).toEqual([]);
    expect(snooper.socket.connected).toBe(true);
  });

  it('[SEC2] a raw packet claiming too many binary attachments is refused by the parser; the server stays up', async () => {
    type RawSocket = { on(e: 'message', f: (d: Buffer) => void): void; on(e: 'close', f: () => void): void; send(d: string): void; close(): void };
    const { WebSocket } = (await import('ws')) as unknown as { WebSocket: new (url: string) => RawSocket };
    const { token } = (await t.app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: '10.55.0.1' })).json();
    const raw = new WebSocket(`${t.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const closed = new Promise<void>((resolve) => raw.on('close', resolve));
    const connected = new Promise<void>((resolve) =>
      raw.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('0')) raw.send(`40${JSON.stringify({ token })}`);
        else if (text.startsWith('40')) resolve();
      }),
    );
    await connected;
    raw.send('451000-["message:send",{"_placeholder":true,"num":0}]');
    await closed;
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    const other = await pair();
    expect((await send(other.seek.socket, other.sessionId, 'fine')).message.seq).toBe(1);
  });

  it('[SEC3] an expired staff session is refused at the handshake and over HTTP', async () => {
    const token = newSecret();
    const staff = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: admin } });
    await t.app.backends.tokens.put('staff-session', hashSecret(token), { staffId: staff.json().staff.id }, 50);
    const cookie = `${STAFF_COOKIE}=${token}`;
    await vi.waitFor(async () => expect(await t.app.backends.tokens.get('staff-session', hashSecret(token))).toBeNull(), { timeout: 2_000, interval: 20 });
    await expect(connectSocket(t.url, { cookie })).rejects.toThrow('UNAUTHENTICATED');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');
const MAX_SOCKETS = 3;

describe.skipIf(!databaseUrl || !redisUrl)('one identity on two server processes sharing Redis', () => {
  let cluster: Cluster;
  let admin: string;
  const sockets: TestSocket[] = [];
  const connect = async (node: ClusterNode, auth: ConnectOptions) => {
    const socket = await connectSocket(node.url, auth);
    sockets.push(socket);
    return socket;
  };
  let specialists = 0;
  /** A seeker with a socket on node A, in a chat with a specialist on node B. */
  const pairAcrossNodes = async () => {
    const [a, b] = cluster.nodes as [ClusterNode, ClusterNode];
    const spec = await inviteSpecialist(b.url, admin, `limits-spec-${++specialists}`);
    const specSocket = await connect(b, { cookie: spec.cookie });
    await ok(specSocket, 'shift:start', { capacity: 1 });
    const { token } = (await request<{ token: string }>(a.url, 'POST', '/api/v1/seekers')).body;
    const seekerSocket = await connect(a, { token });
    const assigned = waitFor<{ sessionId: string }>(specSocket, 'chat:assigned');
    const { sessionId } = await ok<{ sessionId: string }>(seekerSocket, 'chat:request', {});
    expect((await assigned).sessionId).toBe(sessionId);
    // Done with this specialist's capacity: the next pair gets the next specialist.
    await ok(specSocket, 'shift:end', {});
    return { a, b, token, seekerSocket, specSocket, sessionId };
  };
  beforeAll(async () => {
    cluster = await startCluster(2, databaseUrl!, redisUrl!, { RATE_MESSAGES: String(RATE_MESSAGES), MAX_SOCKETS_PER_IDENTITY: String(MAX_SOCKETS), PRESENCE_TTL_S: '3' });
    admin = await login(cluster.nodes[0]!.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
  }, 60_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => cluster?.close());

  it('[SEC2] sockets of one token on both nodes share one message budget', async () => {
    const { b, token, seekerSocket, sessionId } = await pairAcrossNodes();
    const all = [seekerSocket, await connect(b, { token }), await connect(b, { token })];
    const results = await Promise.all(all.flatMap((s, i) => [0, 1, 2, 3].map((j) => ack(s, 'message:send', { sessionId, clientMsgId: `x${i}-${j}`, text: `n${i}.${j}` }))));
    expect(results.filter((r) => r.ok)).toHaveLength(RATE_MESSAGES);
    expectRateLimited(results, all.length * 4 - RATE_MESSAGES);
    const history = await ok<{ messages: Message[] }>(all[1]!, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(history.messages).toHaveLength(RATE_MESSAGES);
  });

  it('[SEC2] a chat:resume burst over both nodes is cut to one budget', async () => {
    const { b, token, seekerSocket, sessionId } = await pairAcrossNodes();
    const all = [seekerSocket, await connect(b, { token })];
    const results = await Promise.all(all.flatMap((s) => Array.from({ length: 20 }, () => ack(s, 'chat:resume', { sessionId, afterSeq: 0 }))));
    const budget = eventBudget('chat:resume', RATE_MESSAGES);
    expect(results.filter((r) => r.ok)).toHaveLength(budget);
    expectRateLimited(results, all.length * 20 - budget);
  });

  it('[SEC2] the socket cap counts both nodes; the places of a node that dies come free', async () => {
    const { a, token, seekerSocket, sessionId } = await pairAcrossNodes();
    const c = await cluster.addNode();
    const onC = [await connect(c, { token }), await connect(c, { token })];
    for (const node of [a, c, cluster.nodes[1]!]) {
      await expect(connectSocket(node.url, { token })).rejects.toMatchObject({ message: 'RATE_LIMITED', data: { code: 'RATE_LIMITED' } });
    }
    expect([seekerSocket, ...onC].every((s) => s.connected)).toBe(true);
    expect((await send(onC[1]!, sessionId, 'from node C')).message.seq).toBe(1);
    c.process.child.kill('SIGKILL');
    await c.process.exited;
    // Node C's entries stop counting once nobody refreshes them (PRESENCE_TTL_S).
    await vi.waitFor(async () => sockets.push(await connectSocket(a.url, { token })), { timeout: 10_000, interval: 250 });
    expect(seekerSocket.connected).toBe(true);
  }, 30_000);
});
