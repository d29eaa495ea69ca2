import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import type { SessionSnapshot } from '../src/core/ports/session-log.js';
import { newSession } from '../src/testing/contracts/match-store.contract.js';
import { serviceUrl } from '../src/testing/real-services.js';
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

  it('[PRIV1] [PRIV2] a Postgres error is logged by its code, never with the values of the statement', async () => {
    const value = 'secret-looking-value-91ab';
    const words = 'my secret feedback words';
    const row = (over: Partial<SessionSnapshot>): SessionSnapshot => ({ ...newSession(), seekerMessages: 0, specialistMessages: 0, rev: 1, ...over });
    // Rows Postgres refuses, each quoting its input somewhere: the message, `where`, the parameters.
    t.app.chat.context.metadata.recordSession(row({ specialistId: value }));
    t.app.chat.context.metadata.recordSession(row({ feedback: `${words}\u0000` }));
    const refusals = () => t.logs.map((l) => JSON.parse(l) as { msg?: string; err?: { code?: string } }).filter((l) => l.msg?.includes('refused by the database'));
    await expect.poll(() => refusals().map((l) => l.err?.code).sort()).toEqual(['22P02', '22P05']);
    expect(t.logs.filter((line) => line.includes(value) || line.includes(words))).toEqual([]);
  });

  it('[PRIV2] request logs keep the method and path only, never the query string', () => {
    const topics = t.logs.map((l) => JSON.parse(l) as { req?: { url?: string } }).find((l) => l.req?.url?.startsWith('/api/v1/topics'));
    expect(topics?.req?.url).toBe('/api/v1/topics');
  });
});

/** A logger whose lines are kept, to look for values in them. */
function capturedLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger('info', { write: (line: string) => void lines.push(line) }) };
}

const SECRET = 'secret-looking-value-5e07';
const databaseUrl = serviceUrl('DATABASE_URL');

describe('log privacy of errors the database drivers raise themselves', () => {
  it('[PRIV1] [PRIV2] a PGlite error is logged by code and message, without its query, parameters or the quoted value', async () => {
    const db = await PGlite.create();
    try {
      const raw = await db.query('SELECT $1::uuid', [SECRET]).catch((e: unknown) => e);
      const inJson = await db.query('SELECT $1::jsonb', [`{"note": "${SECRET}\\u0000"}`]).catch((e: unknown) => e);
      expect(JSON.stringify({ ...(raw as object) })).toContain(SECRET);
      const { lines, log } = capturedLogger();
      log.error({ err: raw }, 'query failed');
      log.error({ err: inJson }, 'query failed');
      expect(lines.filter((l) => l.includes(SECRET))).toEqual([]);
      const logged = lines.map((l) => (JSON.parse(l) as { err: Record<string, unknown> }).err);
      expect(logged.map((e) => e.code)).toEqual(['22P02', '22P05']);
      expect(logged[0]!.message).toMatch(/^invalid input syntax for type uuid/);
      expect(logged.flatMap((e) => Object.keys(e)).filter((k) => ['params', 'query', 'where', 'detail', 'hint', 'internalQuery'].includes(k))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!databaseUrl)('[PRIV1] [PRIV2] a pg error is logged by code and message, without detail, where or the quoted value', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const raw = await client.query('SELECT $1::int', [SECRET]).catch((e: unknown) => e);
      const detailed = await client.query(`SELECT ('{"a": "' || $1 || '"')::jsonb`, [SECRET]).catch((e: unknown) => e);
      expect(JSON.stringify({ ...(raw as object), message: (raw as Error).message })).toContain(SECRET);
      const { lines, log } = capturedLogger();
      log.warn({ err: raw }, 'query failed');
      log.warn({ err: new Error('wrapped', { cause: detailed }) }, 'query failed');
      expect(lines.filter((l) => l.includes(SECRET))).toEqual([]);
      const logged = lines.map((l) => (JSON.parse(l) as { err: Record<string, unknown> & { cause?: Record<string, unknown> } }).err);
      expect(logged[0]).toMatchObject({ code: '22P02', severity: 'ERROR' });
      expect(logged[1]!.cause).toMatchObject({ code: '22P02' });
    } finally {
      await client.end();
    }
  });
});
