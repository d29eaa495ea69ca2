import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ack, newSeeker, newSpecialist, ok, waitFor } from '../src/testing/chat-helpers.js';
import { connectSocket } from '../src/testing/socket-client.js';
import { ADMIN, backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

const ADDRESS = '203.0.113.77';
const USER_AGENT = 'PrivacyProbe/1.0 (unique-agent-marker)';
/** Texts a chat carries: plain, with contact details, crisis words, and a blocked insult. */
const MESSAGES = ['my private worry about grandma', 'write to secretperson@example.org', 'honestly I want to kill myself', 'fuck you, seriously'];

describe.each(backendKinds())('log privacy on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  const secrets: string[] = [ADDRESS, USER_AGENT, ADMIN.password];
  const headers = { 'user-agent': USER_AGENT };

  beforeAll(async () => {
    t = await startTestApp(kind, { LOG_LEVEL: 'trace' });
    admin = await signInAdmin(t.app);
    secrets.push(admin.split('=')[1]!);

    const seeker = (await t.app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: ADDRESS, headers })).json();
    secrets.push(seeker.token);
    // The token travels in every place a careless client might put it.
    await t.app.inject({ url: `/api/v1/topics?token=${seeker.token}`, remoteAddress: ADDRESS, headers });
    await t.app.inject({ url: '/api/v1/auth/me', remoteAddress: ADDRESS, headers: { ...headers, authorization: `Bearer ${seeker.token}`, cookie: admin } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ADDRESS, headers, payload: { username: ADMIN.username, password: ADMIN.password } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ADDRESS, headers, payload: { username: seeker.token, password: 'wrong' } });
    const invite = (
      await t.app.inject({ method: 'POST', url: '/api/v1/staff', remoteAddress: ADDRESS, headers: { ...headers, cookie: admin }, payload: { username: 'logged-spec', displayName: 'L', role: 'specialist' } })
    ).json();
    secrets.push(invite.inviteToken);
    await t.app.inject({ method: 'POST', url: '/api/v1/invites/accept', remoteAddress: ADDRESS, headers, payload: { inviteToken: invite.inviteToken, password: 'short' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/invites/accept', remoteAddress: ADDRESS, headers, payload: { inviteToken: invite.inviteToken, password: 'x'.repeat(70_000) } });
    const socket = await connectSocket(t.url, { token: seeker.token });
    socket.close();
    await expect(connectSocket(t.url, { token: `${seeker.token}x` })).rejects.toThrow();

    // A whole chat with moderation: every message text must stay out of the logs (PRIV1).
    const spec = await newSpecialist(t.app, t.url, admin, ['anxiety']);
    await ok(spec.socket, 'shift:start', { capacity: 1, topics: ['anxiety'] });
    const chatter = await newSeeker(t.app, t.url);
    secrets.push(chatter.token);
    const matched = waitFor(chatter.socket, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(chatter.socket, 'chat:request', { topic: 'anxiety' });
    await matched;
    for (const text of MESSAGES) {
      secrets.push(text);
      await ack(chatter.socket, 'message:send', { sessionId, clientMsgId: text, text });
    }
    await ack(spec.socket, 'message:send', { sessionId, clientMsgId: 'r', text: MESSAGES[0] });
    await ok(chatter.socket, 'chat:rate', { sessionId, rating: 2, feedback: MESSAGES[1] });
    await ok(chatter.socket, 'chat:end', { sessionId });
    for (const s of [chatter.socket, spec.socket]) s.close();
  });
  afterAll(async () => t?.close());

  it('[PRIV1] [PRIV2] no captured log line holds a message, token, password, client address or user agent', () => {
    expect(t.logs.length).toBeGreaterThan(10);
    const leaks = t.logs.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
    expect(t.logs.filter((line) => /remoteAddress|remotePort|user-agent|"ip"/.test(line))).toEqual([]);
  });

  it('[PRIV2] request logs keep the method and path only, never the query string', () => {
    const topics = t.logs.map((l) => JSON.parse(l) as { req?: { url?: string } }).find((l) => l.req?.url?.startsWith('/api/v1/topics'));
    expect(topics?.req?.url).toBe('/api/v1/topics');
  });
});
