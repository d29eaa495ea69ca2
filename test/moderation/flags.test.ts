import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ABUSE_REASON } from '../../src/core/moderation/hooks/abuse-blocklist.js';
import { CONTACT_PLACEHOLDER } from '../../src/core/moderation/hooks/contact-redaction.js';
import type { Flag } from '../../src/protocol/events.js';
import type { Message } from '../../src/protocol/messages.js';
import { ack, collect, newSeeker, newSpecialist, ok, pairOnNewTopic, send, waitFor } from '../../src/testing/chat-helpers.js';
import { connectSocket, type TestSocket } from '../../src/testing/socket-client.js';
import { testTopic } from '../../src/testing/topics.js';
import { backendKinds, createStaff, signInAdmin, startTestApp, type TestApp } from '../../src/testing/test-app.js';

describe.each(backendKinds())('moderation over the wire on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  let moderator: { id: string; cookie: string; socket: TestSocket };
  const sockets: TestSocket[] = [];

  const pair = async () => {
    const chat = await pairOnNewTopic(t.app, t.url, admin);
    sockets.push(chat.spec.socket, chat.seek.socket);
    return chat;
  };
  const resolve = (flagId: string, action: string, note?: string, cookie = moderator.cookie) =>
    t.app.inject({ method: 'POST', url: `/api/v1/flags/${flagId}/resolve`, headers: { cookie }, payload: { action, ...(note ? { note } : {}) } });

  beforeAll(async () => {
    t = await startTestApp(kind, { MODERATION_HOOKS: 'test/fixtures/custom-hooks.mjs' });
    admin = await signInAdmin(t.app);
    const mod = await createStaff(t.app, admin, { username: `mod-${kind}`, displayName: 'Mo', role: 'moderator' });
    moderator = { ...mod, socket: await connectSocket(t.url, { cookie: mod.cookie }) };
    await ok(moderator.socket, 'flags:subscribe', {});
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    moderator?.socket.close();
    await t?.close();
  });

  it('[MOD2] redacts contact details in both directions and marks the message redacted', async () => {
    const { spec, seek, sessionId } = await pair();
    const atSpec = waitFor<Message>(spec.socket, 'message:new');
    const sent = await send(seek.socket, sessionId, 'write to me: jane.doe@example.com');
    expect(sent.message).toMatchObject({ text: `write to me: ${CONTACT_PLACEHOLDER}`, redacted: true });
    expect((await atSpec).text).toBe(`write to me: ${CONTACT_PLACEHOLDER}`);
    const atSeeker = waitFor<Message>(seek.socket, 'message:new', (m) => m.sender === 'specialist');
    await send(spec.socket, sessionId, 'my cell is 555-123-4567');
    expect(await atSeeker).toMatchObject({ text: `my cell is ${CONTACT_PLACEHOLDER}`, redacted: true });
    expect(JSON.stringify(await t.app.backends.history.after(sessionId, 0))).not.toMatch(/jane\.doe|555-123/);
  });

  it('[MOD2] blocks abuse with the reason for the sender; the other side never sees it', async () => {
    const { spec, seek, sessionId } = await pair();
    const heard = collect<Message>(spec.socket, 'message:new');
    expect(await ack(seek.socket, 'message:send', { sessionId, clientMsgId: 'a1', text: 'f.u.c.k you' })).toEqual({ ok: false, error: { code: 'VALIDATION', message: ABUSE_REASON } });
    await send(seek.socket, sessionId, 'sorry, I am upset');
    await expect.poll(() => heard.map((m) => m.text)).toEqual(['sorry, I am upset']);
  });

  it('[MOD3] runs custom hooks from MODERATION_HOOKS', async () => {
    const { seek, sessionId } = await pair();
    expect(await ack(seek.socket, 'message:send', { sessionId, clientMsgId: 's1', text: 'spoiler: he dies' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Please keep spoilers out of this chat.' },
    });
  });

  it('[MOD2a] a custom hook from MODERATION_HOOKS cannot block crisis language: delivered, and its block becomes a flag', async () => {
    const { spec, seek, sessionId } = await pair();
    const reasons = collect<Flag>(moderator.socket, 'flag:new');
    const delivered = waitFor<Message>(spec.socket, 'message:new', (m) => m.sessionId === sessionId);
    const text = 'spoiler: i took all my pills an hour ago';
    expect(await ack(seek.socket, 'message:send', { sessionId, clientMsgId: 's2', text })).toMatchObject({ ok: true });
    expect((await delivered).text).toBe(text);
    await expect.poll(() => reasons.filter((f) => f.sessionId === sessionId).map((f) => f.reason).sort()).toEqual([
      'crisis-detector: crisis language: plan mentioned',
      expect.stringMatching(/^no-spoilers: would have blocked this message \(Please keep spoilers out of this chat\.\); delivered because it carries crisis language$/),
    ]);
  });

  it('[SEC1] [MOD4] a NUL or a lone surrogate in a message cannot disable moderation: crisis flags are stored and reports still work', async () => {
    const { spec, seek, sessionId } = await pair();
    const odd = await send(seek.socket, sessionId, 'hello\u0000 there \ud800 and \udc00');
    expect(odd.message.text).toBe('hello there \ufffd and \ufffd');
    const flagged = waitFor<Flag>(moderator.socket, 'flag:new', (f) => f.sessionId === sessionId && f.source === 'hook');
    await send(seek.socket, sessionId, 'i want to kill myself\u0000');
    const stored = await flagged;
    const open = (await t.app.inject({ method: 'GET', url: '/api/v1/flags?status=open', headers: { cookie: moderator.cookie } })).json().flags as Flag[];
    expect(open.map((f) => f.id)).toContain(stored.id);
    expect(await ack(spec.socket, 'message:report', { sessionId, messageId: odd.message.id, reason: 'odd\u0000' })).toMatchObject({ ok: true, flagId: expect.any(String) });
    expect(await ack(spec.socket, 'chat:escalate', { sessionId, reason: 'check \ud83d please' })).toMatchObject({ ok: true });
  });

  it('[MOD5] an action that fails leaves the flag open and claimable: claim and action succeed or fail together', async () => {
    const { spec, sessionId } = await pair();
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'please look' });
    const failed = await resolve(flagId, 'hide_message');
    expect(failed.statusCode).toBe(400);
    expect(failed.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    const open = (await t.app.inject({ method: 'GET', url: '/api/v1/flags?status=open', headers: { cookie: moderator.cookie } })).json().flags as Flag[];
    expect(open.find((f) => f.id === flagId)).toMatchObject({ status: 'open', resolution: null });
    const retried = await resolve(flagId, 'dismiss');
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ flag: { id: flagId, status: 'resolved', resolution: 'dismiss' } });
  });

  it('[MOD2] chat:mark-urgent: the specialist\'s own judgement takes the crisis path: a high flag within 1 s, the urgent marker, resources when asked', async () => {
    const { spec, seek, sessionId } = await pair();
    const resources = waitFor<{ sessionId: string; resources: { href?: string }[] }>(seek.socket, 'safety:resources');
    const urgent = waitFor<{ sessionId: string; reason: string; categories?: string[] }>(spec.socket, 'chat:urgent');
    const flagged = waitFor<Flag>(moderator.socket, 'flag:new', (f) => f.sessionId === sessionId, 1_000);
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:mark-urgent', { sessionId, note: 'says they have a plan; call me on 555-123-4567', sendResources: true });
    const flag = await flagged;
    expect(flag).toMatchObject({ id: flagId, severity: 'high', source: 'escalation', status: 'open' });
    expect(flag.reason).toMatch(/^marked urgent by the specialist: says they have a plan/);
    expect(flag.reason).not.toContain('555-123-4567');
    expect(await urgent).toMatchObject({ sessionId, categories: ['marked urgent'] });
    const lines = (await resources).resources;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((r) => /^(tel:|sms:|https:)/.test(r.href ?? ''))).toBe(true);
  });

  it('[MOD2] chat:mark-urgent without sendResources tells no one but staff; only the chat\'s specialist may use it', async () => {
    const { spec, seek, sessionId } = await pair();
    const seekerHeard = collect(seek.socket, 'safety:resources');
    await ok(spec.socket, 'chat:mark-urgent', { sessionId });
    expect(await ack(seek.socket, 'chat:mark-urgent', { sessionId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const other = await pair();
    expect(await ack(other.spec.socket, 'chat:mark-urgent', { sessionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ack(spec.socket, 'chat:mark-urgent', { sessionId, sendResources: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A round trip after the acks: anything the seeker was sent has arrived by now.
    await send(seek.socket, sessionId, 'still here');
    expect(seekerHeard).toEqual([]);
  });

  it('[MOD2] [MOD4] crisis language is delivered, brings resources and urgency, and flags high to moderators', async () => {
    const { spec, seek, sessionId } = await pair();
    await send(seek.socket, sessionId, 'it has been a long week');
    const resources = waitFor<{ sessionId: string; resources: unknown[] }>(seek.socket, 'safety:resources');
    const urgent = waitFor<{ sessionId: string }>(spec.socket, 'chat:urgent');
    const flagged = waitFor<Flag>(moderator.socket, 'flag:new', (f) => f.sessionId === sessionId);
    const delivered = waitFor<Message>(spec.socket, 'message:new', (m) => m.text.includes('kill myself'));
    const sent = await send(seek.socket, sessionId, 'honestly I want to kill myself');
    expect(sent.message.redacted).toBe(false);
    expect((await delivered).id).toBe(sent.message.id);
    expect((await resources).resources.length).toBeGreaterThan(0);
    expect((await urgent).sessionId).toBe(sessionId);
    const flag = await flagged;
    expect(flag).toMatchObject({ source: 'hook', severity: 'high', messageId: sent.message.id, status: 'open' });
    expect(flag.excerpt!.map((m) => m.text)).toEqual(['it has been a long week', 'honestly I want to kill myself']);
    const open = await ok<{ open: Flag[] }>(moderator.socket, 'flags:subscribe', {});
    expect(open.open.map((f) => f.id)).toContain(flag.id);
  });

  it('[MOD2a] a message with crisis words is delivered even with an insult in it: resources, a high flag on the message, the specialist sees it', async () => {
    const { spec, seek, sessionId } = await pair();
    const resources = waitFor(seek.socket, 'safety:resources');
    const urgent = waitFor<{ sessionId: string; reason: string }>(spec.socket, 'chat:urgent');
    const delivered = waitFor<Message>(spec.socket, 'message:new', (m) => m.sessionId === sessionId);
    const flagged = waitFor<Flag>(moderator.socket, 'flag:new', (f) => f.sessionId === sessionId && f.severity === 'high');
    const text = "fuck you all, I hate myself, I'm a worthless piece of shit and I want to kill myself";
    const res = await ack(seek.socket, 'message:send', { sessionId, clientMsgId: 'c1', text });
    expect(res).toMatchObject({ ok: true, message: { text } });
    expect((await delivered).text).toBe(text);
    await resources;
    expect((await urgent).reason).toBe('suicidal thoughts');
    expect((await flagged).messageId).toBe((res as unknown as { message: Message }).message.id);
  });

  it('[MOD2c] self-talk, reported speech and swearing about someone else reach the specialist; an insult aimed at them does not', async () => {
    const { spec, seek, sessionId } = await pair();
    for (const text of ['I feel like a piece of shit', 'he called me a slut', 'my boss is an asshole', 'people at school keep telling me to kys']) {
      const delivered = waitFor<Message>(spec.socket, 'message:new', (m) => m.sessionId === sessionId && m.text === text);
      await send(seek.socket, sessionId, text);
      await delivered;
    }
    const res = await ack(seek.socket, 'message:send', { sessionId, clientMsgId: 'rude', text: 'you are a useless idiot' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('[MOD4] a report carries an excerpt of at most 6 messages as delivered, ending at the reported one', async () => {
    const { spec, seek, sessionId } = await pair();
    const sent: Message[] = [];
    for (let i = 1; i <= 8; i++) sent.push((await send(i % 2 ? seek.socket : spec.socket, sessionId, `line ${i} mail a${i}@example.org`)).message);
    const flagged = waitFor<Flag>(moderator.socket, 'flag:new', (f) => f.source === 'report' && f.sessionId === sessionId);
    const { flagId } = await ok<{ flagId: string }>(seek.socket, 'message:report', { sessionId, messageId: sent[6]!.id, reason: 'made me uneasy' });
    const flag = await flagged;
    expect(flag.id).toBe(flagId);
    expect(flag.excerpt!.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(flag.excerpt!.every((m) => m.text.includes(CONTACT_PLACEHOLDER))).toBe(true);
    expect(await ack(seek.socket, 'message:report', { sessionId, messageId: 'no-such-message', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const outsider = await newSeeker(t.app, t.url);
    sockets.push(outsider.socket);
    expect(await ack(outsider.socket, 'message:report', { sessionId, messageId: sent[0]!.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('[MOD5] hide_message removes it from both screens and from resume; the action is audited', async () => {
    const { spec, seek, sessionId } = await pair();
    const bad = await send(spec.socket, sessionId, 'something that should not have been said');
    await send(seek.socket, sessionId, 'ok');
    const { flagId } = await ok<{ flagId: string }>(seek.socket, 'message:report', { sessionId, messageId: bad.message.id, reason: 'hurtful' });
    const hiddenAtSeeker = waitFor<{ messageId: string }>(seek.socket, 'message:hidden');
    const hiddenAtSpec = waitFor<{ messageId: string }>(spec.socket, 'message:hidden');
    const updated = waitFor<Flag>(moderator.socket, 'flag:updated', (f) => f.id === flagId);
    const res = await resolve(flagId, 'hide_message', 'not respectful');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ flag: { status: 'resolved', resolution: 'hide_message' }, outcome: 'message hidden' });
    expect((await hiddenAtSeeker).messageId).toBe(bad.message.id);
    expect((await hiddenAtSpec).messageId).toBe(bad.message.id);
    expect((await updated).status).toBe('resolved');
    const resumed = await ok<{ messages: Message[] }>(seek.socket, 'chat:resume', { sessionId, afterSeq: 0 });
    expect(resumed.messages.map((m) => m.id)).not.toContain(bad.message.id);
    const audit = (await t.app.inject({ url: '/api/v1/audit', headers: { cookie: moderator.cookie } })).json().entries;
    expect(audit[0]).toMatchObject({ actorId: moderator.id, action: 'flag.hide_message', targetId: flagId });
    const again = await resolve(flagId, 'dismiss');
    expect(again.statusCode).toBe(409);
  });

  it('[MOD5] warn reaches the sender; end_chat ends it for both with endedBy moderator', async () => {
    const { spec, seek, sessionId } = await pair();
    const rude = await send(spec.socket, sessionId, 'hurry up');
    const { flagId } = await ok<{ flagId: string }>(seek.socket, 'message:report', { sessionId, messageId: rude.message.id, reason: 'pushy' });
    const warned = waitFor<{ text: string }>(spec.socket, 'warning');
    expect((await resolve(flagId, 'warn', 'Please give the seeker time.')).statusCode).toBe(200);
    expect((await warned).text).toBe('Please give the seeker time.');

    const { flagId: escalation } = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'needs a supervisor' });
    const endedSeeker = waitFor<{ endedBy: string }>(seek.socket, 'chat:ended');
    const endedSpec = waitFor<{ endedBy: string }>(spec.socket, 'chat:ended');
    expect((await resolve(escalation, 'end_chat')).json()).toMatchObject({ outcome: 'chat ended' });
    expect((await endedSeeker).endedBy).toBe('moderator');
    expect((await endedSpec).endedBy).toBe('moderator');
  });

  it('[MOD5] acting on a chat that already ended says so, and the flag still resolves', async () => {
    const { spec, seek, sessionId } = await pair();
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'worried' });
    await ok(seek.socket, 'chat:end', { sessionId });
    const res = await resolve(flagId, 'end_chat');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ flag: { status: 'resolved' }, outcome: 'the chat had already ended' });
  });

  it('[MOD5] ban_seeker revokes the token and disconnects the seeker; the address is limited, not shut out, and a refusal carries the crisis lines', async () => {
    const tp = testTopic();
    const spec = await newSpecialist(t.app, t.url, admin, [tp]);
    sockets.push(spec.socket);
    await ok(spec.socket, 'shift:start', { capacity: 1, topics: [tp] });
    const address = '198.51.100.23';
    const { token } = (await t.app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: address })).json();
    const spare = (await t.app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: address })).json().token as string;
    const seeker = await connectSocket(t.url, { token });
    sockets.push(seeker);
    const { sessionId } = await ok<{ sessionId: string }>(seeker, 'chat:request', { topic: tp });
    const rude = await send(seeker, sessionId, 'this is pointless, whatever');
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'message:report', { sessionId, messageId: rude.message.id, reason: 'abusive' });
    const gone = waitFor<string>(seeker, 'disconnect');
    const res = await resolve(flagId, 'ban_seeker', 'repeated abuse');
    expect(res.json()).toMatchObject({ outcome: 'seeker banned for 24 hours' });
    expect(await gone).toBe('io server disconnect');
    await expect(connectSocket(t.url, { token })).rejects.toThrow('UNAUTHENTICATED');
    // Someone else behind the same address (a shelter, a campus) keeps their chat.
    const neighbour = await connectSocket(t.url, { token: spare });
    sockets.push(neighbour);
    // New identities from the address: RATE_BANNED_ADDRESS_TOKENS (2) an hour, then a clear refusal with the crisis lines.
    const mint = () => t.app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: address });
    const minted = await mint();
    expect(minted.statusCode).toBe(201);
    expect((await mint()).statusCode).toBe(201);
    const refused = await mint();
    expect(refused.statusCode).toBe(403);
    const body = refused.json() as { error: { code: string; message: string; resources: { href?: string }[] } };
    expect(body.error.code).toBe('FORBIDDEN');
    expect(body.error.message).toMatch(/crisis lines/);
    expect(body.error.resources.length).toBeGreaterThan(0);
    expect(body.error.resources.every((r) => /^(tel:|sms:|https:)/.test(r.href ?? ''))).toBe(true);
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: '198.51.100.24' });
    expect(elsewhere.statusCode).toBe(201);
    // Chats from the banned address are marked for caution to the specialist; others are not.
    const other = testTopic();
    const spec2 = await newSpecialist(t.app, t.url, admin, [other]);
    sockets.push(spec2.socket);
    await ok(spec2.socket, 'shift:start', { capacity: 2, topics: [other] });
    for (const [issued, caution] of [[minted, true], [elsewhere, false]] as const) {
      const socket = await connectSocket(t.url, { token: issued.json().token as string });
      sockets.push(socket);
      const assigned = waitFor<{ caution: boolean }>(spec2.socket, 'chat:assigned');
      await ok(socket, 'chat:request', { topic: other });
      expect((await assigned).caution).toBe(caution);
    }
  });

  it('[SEC5] only moderators and admins see and resolve flags; bad resolutions are VALIDATION', async () => {
    const { spec, sessionId } = await pair();
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'check please' });
    expect(await ack(spec.socket, 'flags:subscribe', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.app.inject({ url: '/api/v1/flags', headers: { cookie: spec.cookie } })).statusCode).toBe(403);
    expect((await resolve(flagId, 'dismiss', undefined, spec.cookie)).statusCode).toBe(403);
    expect((await resolve(flagId, 'vaporize')).statusCode).toBe(400);
    expect((await resolve(randomUUID(), 'dismiss')).statusCode).toBe(404);
    const listed = (await t.app.inject({ url: '/api/v1/flags?status=open', headers: { cookie: admin } })).json().flags as Flag[];
    expect(listed.map((f) => f.id)).toContain(flagId);
    expect((await resolve(flagId, 'dismiss', 'fine', admin)).statusCode).toBe(200);
    const resolved = (await t.app.inject({ url: '/api/v1/flags?status=resolved', headers: { cookie: moderator.cookie } })).json().flags as Flag[];
    expect(resolved.map((f) => f.id)).toContain(flagId);
  });

  it('[PRIV1] message text reaches Postgres only inside flag excerpts; rating feedback is stored redacted', async () => {
    const { spec, seek, sessionId } = await pair();
    // Letters only: a run of digits could be taken for a phone number and redacted.
    const marker = `private-words-${randomUUID().replace(/[^a-f]/g, '')}`;
    const said = await send(seek.socket, sessionId, `${marker} in a message`);
    await send(spec.socket, sessionId, `reply about ${marker}`);
    await ok(spec.socket, 'message:report', { sessionId, messageId: said.message.id, reason: 'check', note: 'she wrote from me@example.org' });
    await ok(seek.socket, 'chat:end', { sessionId });
    await ok(seek.socket, 'chat:rate', { sessionId, rating: 5, feedback: 'thank you, reach me at me@example.com' });
    await t.app.chat.context.metadata.flush();
    const db = t.app.backends.db;
    await expect.poll(async () => (await db.query<{ feedback: string }>('SELECT feedback FROM chat_sessions WHERE id = $1', [sessionId])).rows[0]?.feedback).toBe(
      `thank you, reach me at ${CONTACT_PLACEHOLDER}`,
    );
    const flagRow = (await db.query<{ reason: string }>('SELECT reason FROM flags WHERE session_id = $1', [sessionId])).rows[0];
    expect(flagRow?.reason).toBe(`check: she wrote from ${CONTACT_PLACEHOLDER}`);
    const tables = (await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)).rows.map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['flags', 'chat_sessions', 'audit_log']));
    for (const table of tables) {
      const rows = (await db.query(`SELECT * FROM ${table}`)).rows;
      const holding = rows.filter((row) => JSON.stringify(row).includes(marker));
      if (table === 'flags') {
        expect(holding.length).toBeGreaterThan(0);
        for (const row of holding) {
          const { excerpt, ...rest } = row as { excerpt: unknown };
          expect(JSON.stringify(rest)).not.toContain(marker);
          expect(JSON.stringify(excerpt)).toContain(marker);
        }
      } else {
        expect(holding).toEqual([]);
      }
    }
  });

  it('[MOD6] [PRIV4] retention deletes old excerpts and old session metadata, and nothing newer', async () => {
    const { spec, seek, sessionId } = await pair();
    const m = await send(seek.socket, sessionId, 'old words');
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'message:report', { sessionId, messageId: m.message.id, reason: 'old' });
    const fresh = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'new' });
    await ok(seek.socket, 'chat:end', { sessionId });
    await t.app.chat.context.metadata.flush();
    const db = t.app.backends.db;
    await db.query(`UPDATE flags SET created_at = now() - interval '31 days' WHERE id = $1`, [flagId]);
    await db.query(`UPDATE chat_sessions SET requested_at = now() - interval '366 days' WHERE id = $1`, [sessionId]);
    const { Retention } = await import('../../src/core/moderation/retention.js');
    const make = () => new Retention(t.app.backends.flags, t.app.backends.sessionLog, t.app.backends.deadlines, { flags: 30, sessions: 365 });
    await t.app.backends.deadlines.clear('retention:lock');
    // Two nodes try in the same period: exactly one runs.
    const runs = await Promise.all([make().maybeRun(60_000), make().maybeRun(60_000)]);
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
    const result = runs.find((r) => r !== null)!;
    expect(result.excerpts).toBeGreaterThanOrEqual(1);
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    expect((await t.app.backends.flags.get(flagId))?.excerpt).toBeNull();
    expect((await t.app.backends.flags.get(fresh.flagId))?.excerpt).not.toBeNull();
    expect((await db.query('SELECT 1 FROM chat_sessions WHERE id = $1', [sessionId])).rows).toEqual([]);
  });

  const flagsNow = async (status = 'open', cookie = moderator.cookie) =>
    (await t.app.inject({ url: `/api/v1/flags?status=${status}`, headers: { cookie } })).json().flags as Flag[];
  const flagCall = (flagId: string, what: 'claim' | 'note', cookie = moderator.cookie, method: 'POST' | 'DELETE' = 'POST', payload?: object) =>
    t.app.inject({ method, url: `/api/v1/flags/${flagId}/${what}`, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('[UX6] a flag says whether its chat is live: true while it runs, false once it ended, in GET /flags, flags:subscribe and flag:new', async () => {
    const { spec, seek, sessionId } = await pair();
    const flagged = waitFor<Flag>(moderator.socket, 'flag:new', (f) => f.sessionId === sessionId);
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'please look' });
    expect(await flagged).toMatchObject({ id: flagId, chatLive: true, crisis: false, claimedBy: null });
    expect((await flagsNow()).find((f) => f.id === flagId)).toMatchObject({ chatLive: true });
    await ok(seek.socket, 'chat:end', { sessionId });
    expect((await flagsNow()).find((f) => f.id === flagId)).toMatchObject({ chatLive: false });
    const { open } = await ok<{ open: Flag[] }>(moderator.socket, 'flags:subscribe', {});
    expect(open.find((f) => f.id === flagId)).toMatchObject({ chatLive: false });
  });

  it('[UX6] crisis flags say so: crisis language and a chat marked urgent; a report does not', async () => {
    const { spec, seek, sessionId } = await pair();
    const hook = waitFor<Flag>(moderator.socket, 'flag:new', (f) => f.sessionId === sessionId && f.source === 'hook');
    const said = await send(seek.socket, sessionId, 'i want to kill myself');
    expect(await hook).toMatchObject({ crisis: true, severity: 'high', chatLive: true });
    const { flagId: urgent } = await ok<{ flagId: string }>(spec.socket, 'chat:mark-urgent', { sessionId });
    const { flagId: report } = await ok<{ flagId: string }>(spec.socket, 'message:report', { sessionId, messageId: said.message.id, reason: 'worried' });
    const open = await flagsNow();
    expect(open.find((f) => f.id === urgent)?.crisis).toBe(true);
    expect(open.find((f) => f.id === report)?.crisis).toBe(false);
  });

  it('[UX6] a moderator\'s note reaches the specialist only, contact details redacted, and is audited; the seeker receives nothing', async () => {
    const { spec, seek, sessionId } = await pair();
    const seekerHeard: [string, unknown][] = [];
    seek.socket.onAny((event: string, payload: unknown) => seekerHeard.push([event, payload]));
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:mark-urgent', { sessionId });
    const atSpec = waitFor<{ id: string; sessionId: string; text: string; from: string }>(spec.socket, 'staff:note');
    const res = await flagCall(flagId, 'note', moderator.cookie, 'POST', { text: 'Stay with them; if you need me, write to mo.private@example.com' });
    expect(res.statusCode).toBe(200);
    const expected = `Stay with them; if you need me, write to ${CONTACT_PLACEHOLDER}`;
    expect(res.json()).toMatchObject({ text: expected, flag: { id: flagId, chatLive: true, crisis: true } });
    expect(await atSpec).toMatchObject({ sessionId, text: expected, from: 'moderator' });
    // A round trip through the seeker's own connection after the note: anything sent to it has arrived.
    await send(seek.socket, sessionId, 'still here');
    expect(seekerHeard.map(([event]) => event)).not.toContain('staff:note');
    expect(JSON.stringify(seekerHeard)).not.toMatch(/Stay with them|mo\.private/);
    const audit = (await t.app.inject({ url: '/api/v1/audit', headers: { cookie: moderator.cookie } })).json().entries as { action: string; actorId: string; actorName: string; targetId: string; detail: object }[];
    const entry = audit.find((e) => e.action === 'flag.note' && e.targetId === flagId);
    expect(entry).toMatchObject({ actorId: moderator.id, actorName: 'Mo', detail: { sessionId, to: 'specialist', redacted: true } });
    expect(JSON.stringify(entry)).not.toMatch(/Stay with them|mo\.private/);
    // Only moderators send notes; an empty one is VALIDATION; an ended chat's specialist cannot be reached.
    expect((await flagCall(flagId, 'note', spec.cookie, 'POST', { text: 'hi' })).statusCode).toBe(403);
    expect((await flagCall(flagId, 'note', moderator.cookie, 'POST', { text: '   ' })).statusCode).toBe(400);
    await ok(seek.socket, 'chat:end', { sessionId });
    expect((await flagCall(flagId, 'note', moderator.cookie, 'POST', { text: 'hello?' })).json()).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('[UX6] a claim keeps a second moderator off a flag: CONFLICT for them, who sees claimedBy live; it ends on release, expiry or resolve', async () => {
    const sam = await createStaff(t.app, admin, { username: `sam-${kind}`, displayName: 'Sam', role: 'moderator' });
    const samSocket = await connectSocket(t.url, { cookie: sam.cookie });
    sockets.push(samSocket);
    await ok(samSocket, 'flags:subscribe', {});
    const { spec, sessionId } = await pair();
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'please look' });

    const seenBySam = waitFor<Flag>(samSocket, 'flag:updated', (f) => f.id === flagId && f.claimedBy !== null);
    const claimed = await flagCall(flagId, 'claim');
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().flag.claimedBy).toMatchObject({ id: moderator.id, displayName: 'Mo' });
    expect((await seenBySam).claimedBy).toMatchObject({ id: moderator.id, displayName: 'Mo' });
    const refused = await flagCall(flagId, 'claim', sam.cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'CONFLICT', message: 'Mo is working on this flag.' });
    expect((await resolve(flagId, 'dismiss', undefined, sam.cookie)).statusCode).toBe(409);
    expect((await flagsNow('open', sam.cookie)).find((f) => f.id === flagId)?.claimedBy?.displayName).toBe('Mo');
    // Claiming again renews one's own claim.
    expect((await flagCall(flagId, 'claim')).statusCode).toBe(200);

    // Released: Sam sees it free and takes it.
    const freed = waitFor<Flag>(samSocket, 'flag:updated', (f) => f.id === flagId && f.claimedBy === null);
    expect((await flagCall(flagId, 'claim', moderator.cookie, 'DELETE')).json().flag.claimedBy).toBeNull();
    await freed;
    expect((await flagCall(flagId, 'claim', sam.cookie)).json().flag.claimedBy).toMatchObject({ displayName: 'Sam' });

    // Expired: a claim whose time has passed no longer holds anyone off, and is not shown.
    await t.app.backends.db.query(`UPDATE flags SET claim_expires_at = now() - interval '1 second' WHERE id = $1`, [flagId]);
    expect((await flagsNow()).find((f) => f.id === flagId)?.claimedBy).toBeNull();
    expect((await flagCall(flagId, 'claim')).json().flag.claimedBy).toMatchObject({ displayName: 'Mo' });

    // Resolved: the claim ends with it, and nobody can claim a resolved flag.
    const done = await resolve(flagId, 'dismiss');
    expect(done.json().flag).toMatchObject({ status: 'resolved', claimedBy: null });
    expect((await flagCall(flagId, 'claim', sam.cookie)).json().error).toMatchObject({ code: 'CONFLICT', message: 'This flag has already been resolved' });
    expect((await flagCall(randomUUID(), 'claim')).statusCode).toBe(404);
  });

  it('[UX6] the audit log names who acted ("system" is a null name) and pages back with before', async () => {
    const { spec, sessionId } = await pair();
    const { flagId } = await ok<{ flagId: string }>(spec.socket, 'chat:escalate', { sessionId, reason: 'audit me' });
    await t.app.services.audit.append({ actorId: null, action: 'test.system', targetType: 'flag', targetId: flagId, detail: {} });
    expect((await resolve(flagId, 'dismiss', 'fine')).statusCode).toBe(200);
    type Page = { entries: { id: string; action: string; actorId: string | null; actorName: string | null }[]; hasOlder: boolean };
    const page = async (query: string) => (await t.app.inject({ url: `/api/v1/audit?${query}`, headers: { cookie: moderator.cookie } })).json() as Page;
    const first = await page('limit=1');
    expect(first.entries).toHaveLength(1);
    expect(first.entries[0]).toMatchObject({ action: 'flag.dismiss', actorId: moderator.id, actorName: 'Mo' });
    expect(first.hasOlder).toBe(true);
    const second = await page(`limit=1&before=${first.entries[0]!.id}`);
    expect(second.entries[0]).toMatchObject({ action: 'test.system', actorId: null, actorName: null });
    const all = await page('limit=500');
    expect(all.hasOlder).toBe(false);
    expect(all.entries.find((e) => e.action === 'staff.create')?.actorName).toBe('Root Admin');
  });
});
