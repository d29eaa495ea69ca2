import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../src/testing/chat-helpers.js';
import { connectSocket, nextEvent, type TestSocket } from '../src/testing/socket-client.js';
import { backendKinds, createStaff, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

describe.each(backendKinds())('socket handshake on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  const open: TestSocket[] = [];
  const connect = async (...args: Parameters<typeof connectSocket>) => {
    const socket = await connectSocket(...args);
    open.push(socket);
    return socket;
  };
  const newSeeker = async () => (await t.app.inject({ method: 'POST', url: '/api/v1/seekers' })).json() as { token: string; alias: string };

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t.app);
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  afterAll(async () => t?.close());

  it('[PRIV3] a seeker connects with the token from POST /seekers and joins their own room', async () => {
    const seeker = await newSeeker();
    const socket = await connect(t.url, { token: seeker.token });
    const identity = await t.app.services.seekers.verify(seeker.token);
    const warning = nextEvent<{ text: string }>(socket, 'warning');
    t.app.io.to(`seeker:${identity!.seekerId}`).emit('warning', { sessionId: 's', text: 'only for you' });
    expect((await warning).text).toBe('only for you');
  });

  it('[CH5] refuses a made-up token, and a handshake with no credentials', async () => {
    await expect(connect(t.url, { token: 'made-up-token' })).rejects.toThrow('UNAUTHENTICATED');
    await expect(connect(t.url)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('[SEC5] staff connect with their login cookie', async () => {
    const spec = await createStaff(t.app, admin, { username: `spec-${kind}`, displayName: 'S', role: 'specialist' });
    const socket = await connect(t.url, { cookie: spec.cookie });
    const warning = nextEvent<{ text: string }>(socket, 'warning');
    t.app.io.to(`staff:${spec.id}`).emit('warning', { sessionId: 's', text: 'hello staff' });
    expect((await warning).text).toBe('hello staff');
  });

  it('[SEC4] refuses a foreign Origin and accepts an allowed one', async () => {
    const seeker = await newSeeker();
    await expect(connect(t.url, { token: seeker.token, origin: 'https://evil.example' })).rejects.toThrow();
    const host = new URL(t.url).host;
    await expect(connect(t.url, { token: seeker.token, origin: `http://${host}` })).resolves.toBeTruthy();
  });

  it('[SEC3] logout disconnects that staff member’s sockets', async () => {
    const mod = await createStaff(t.app, admin, { username: `mod-${kind}`, displayName: 'M', role: 'moderator' });
    const socket = await connect(t.url, { cookie: mod.cookie });
    const gone = nextEvent<string>(socket, 'disconnect');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: mod.cookie } });
    expect(res.statusCode).toBe(204);
    expect(await gone).toBe('io server disconnect');
    await expect(connect(t.url, { cookie: mod.cookie })).rejects.toThrow('UNAUTHENTICATED');
  });

  it('[SEC3] disabling a staff account disconnects their sockets within 5 s', async () => {
    const spec = await createStaff(t.app, admin, { username: `spec2-${kind}`, displayName: 'S2', role: 'specialist' });
    const socket = await connect(t.url, { cookie: spec.cookie });
    const gone = waitFor<string>(socket, 'disconnect', () => true, 5_000);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/staff/${spec.id}`, headers: { cookie: admin }, payload: { disabled: true } });
    expect(await gone).toBe('io server disconnect');
  });

  it('counts connected sockets in Presence across the identity’s tabs', async () => {
    const seeker = await newSeeker();
    const identity = (await t.app.services.seekers.verify(seeker.token))!;
    const room = `seeker:${identity.seekerId}`;
    const first = await connect(t.url, { token: seeker.token });
    await connect(t.url, { token: seeker.token });
    await expect.poll(() => t.app.backends.presence.count(room)).toBe(2);
    first.close();
    await expect.poll(() => t.app.backends.presence.count(room)).toBe(1);
  });
});
