import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret, newSecret } from '../../src/core/secrets.js';
import type { Message } from '../../src/protocol/messages.js';
import { STAFF_COOKIE } from '../../src/protocol/http.js';
import { ack, collect, newSeeker, pairOnNewTopic, send, waitFor } from '../../src/testing/chat-helpers.js';
import { connectSocket, nextEvent, type TestSocket } from '../../src/testing/socket-client.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../../src/testing/test-app.js';

describe.each(backendKinds())('attacks on the socket layer, %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  const sockets: TestSocket[] = [];
  const pair = async () => {
    const chat = await pairOnNewTopic(t.app, t.url, admin);
    sockets.push(chat.spec.socket, chat.seek.socket);
    return chat;
  };
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t.app);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => t?.close());

  it('[SEC2] a payload over 64 KB closes only that connection; everyone else carries on', async () => {
    const attacker = await pair();
    const bystander = await pair();
    const dropped = nextEvent<string>(attacker.seek.socket, 'disconnect');
    // No ack wanted: the connection is closed before any answer.
    (attacker.seek.socket as unknown as { emit(e: string, p: unknown): void }).emit('message:send', { sessionId: attacker.sessionId, clientMsgId: 'big', text: 'x'.repeat(70_000) });
    expect(await dropped).toMatch(/transport (close|error)|parse error/);
    expect((await send(bystander.seek.socket, bystander.sessionId, 'all good here')).message.seq).toBe(1);
    expect((await t.app.backends.history.after(attacker.sessionId, 0)).map((m) => m.text)).toEqual([]);
  });

  it('[SEC2] a message flood is limited for that socket only', async () => {
    const flooder = await pair();
    const calm = await pair();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => ack(flooder.seek.socket, 'message:send', { sessionId: flooder.sessionId, clientMsgId: `f${i}`, text: `flood number ${i}` })));
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toBe(true);
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect((await send(calm.seek.socket, calm.sessionId, 'unaffected')).message.text).toBe('unaffected');
  });

  it('[CH5] no event joins another room: made-up events and room names do nothing', async () => {
    const victim = await pair();
    const snooper = await newSeeker(t.app, t.url);
    sockets.push(snooper.socket);
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
