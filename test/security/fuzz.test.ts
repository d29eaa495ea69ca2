import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/protocol/errors.js';
import { clientPayloads, type ClientEvent } from '../../src/protocol/events.js';
import { ack, newSeeker, newSpecialist, ok, waitFor } from '../../src/testing/chat-helpers.js';
import { connectSocket, type TestSocket } from '../../src/testing/socket-client.js';
import { ADMIN, createStaff, signIn, signInAdmin, startTestApp, type TestApp } from '../../src/testing/test-app.js';

const CODES = Object.keys(ERROR_STATUS);
const SOCKET_RUNS = 550; // × 14 events
const HTTP_RUNS = 300; // × 13 routes
let casesRun = 0;

/**
 * Characters that have broken text fields before (SEC1, MOD4): NUL, lone surrogates, bidi and
 * invisible format characters, look-alike letters, full-width forms, and a valid astral pair.
 */
const NASTY = ['\u0000', '\ud800', '\udfff', '\u202e', '\u2066', '\u200b', '\ufeff', '\u00ad', '\u180e', '\u0430', '\uff4a', '\ud83d\ude00'];
/** Ordinary text with those characters mixed in anywhere. */
const nastyText = (maxParts: number) => fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY)), { maxLength: maxParts }).map((parts) => parts.join(''));

/** Anything a client could send: junk of every shape, and near-valid payloads with hostile fields. */
const hostile = (sessionIds: string[], messageIds: string[]) =>
  fc.oneof(
    fc.anything(),
    fc.string({ maxLength: 300 }),
    fc.record(
      {
        sessionId: fc.oneof(fc.constantFrom(...sessionIds), fc.uuid(), fc.string({ maxLength: 80 }), fc.integer()),
        messageId: fc.oneof(fc.constantFrom(...messageIds), fc.string({ maxLength: 150 })),
        clientMsgId: fc.oneof(fc.string({ maxLength: 70 }), nastyText(10)),
        text: fc.oneof(fc.string({ maxLength: 200 }), nastyText(40), fc.string({ minLength: 3990, maxLength: 4100 }), fc.constant('<script>alert(1)</script>')),
        afterSeq: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double(), fc.string()),
        rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.string()),
        capacity: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.constant('2')),
        topics: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 45 }), nastyText(6)), { maxLength: 60 }), fc.string()),
        topic: fc.oneof(fc.string({ maxLength: 50 }), nastyText(6), fc.constant('__proto__')),
        language: fc.oneof(fc.string({ maxLength: 20 }), nastyText(4)),
        note: nastyText(30),
        typing: fc.oneof(fc.boolean(), fc.string()),
        reason: fc.oneof(fc.string({ maxLength: 600 }), nastyText(30)),
        feedback: fc.oneof(fc.string({ maxLength: 2100 }), nastyText(40)),
        __proto__: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  );

const isTypedAck = (r: unknown): boolean => {
  if (typeof r !== 'object' || r === null) return false;
  const res = r as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (res.ok === true) return true;
  return res.ok === false && typeof res.error?.message === 'string' && CODES.includes(String(res.error?.code));
};

describe('[SEC1] fuzzing every socket event and HTTP route (embedded backends)', () => {
  let t: TestApp;
  let admin: string;
  let sockets: Record<'seeker' | 'specialist' | 'moderator', TestSocket>;
  const sessionIds: string[] = [];
  const messageIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('embedded', { RATE_MESSAGES: '100000', RATE_SEEKER_TOKENS: '100000', RATE_FAILED_LOGINS: '100000' });
    admin = await signInAdmin(t.app);
    const spec = await newSpecialist(t.app, t.url, admin, ['loneliness']);
    await ok(spec.socket, 'shift:start', { capacity: 5, topics: ['loneliness'] });
    const seek = await newSeeker(t.app, t.url);
    const matched = waitFor(seek.socket, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic: 'loneliness' });
    await matched;
    sessionIds.push(sessionId);
    const sent = await ok<{ message: { id: string } }>(seek.socket, 'message:send', { sessionId, clientMsgId: 'seed', text: 'hello' });
    messageIds.push(sent.message.id);
    const mod = await createStaff(t.app, admin, { username: 'fuzz-mod', displayName: 'M', role: 'moderator' });
    sockets = { seeker: seek.socket, specialist: spec.socket, moderator: await connectSocket(t.url, { cookie: mod.cookie }) };
  });
  afterAll(async () => {
    for (const s of Object.values(sockets ?? {})) s.close();
    await t?.close();
    console.log(`fuzz cases run: ${casesRun}`);
  });

  it.each(Object.keys(clientPayloads) as ClientEvent[])('[SEC1] %s: every payload gets a typed answer and no socket drops', async (event) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('seeker', 'specialist', 'moderator') as fc.Arbitrary<keyof typeof sockets>, hostile(sessionIds, messageIds), async (who, payload) => {
        casesRun++;
        const socket = sockets[who];
        const res = await ack(socket, event, payload);
        expect(isTypedAck(res)).toBe(true);
        expect(socket.connected).toBe(true);
      }),
      { numRuns: SOCKET_RUNS },
    );
  }, 120_000);

  const routes: [string, string][] = [
    ['POST', '/api/v1/seekers'],
    ['POST', '/api/v1/auth/login'],
    ['POST', '/api/v1/auth/logout'],
    ['GET', '/api/v1/auth/me'],
    ['POST', '/api/v1/setup'],
    ['GET', '/api/v1/staff'],
    ['POST', '/api/v1/staff'],
    ['PATCH', '/api/v1/staff/:id'],
    ['POST', '/api/v1/invites/accept'],
    ['GET', '/api/v1/flags'],
    ['POST', '/api/v1/flags/:id/resolve'],
    ['POST', '/api/v1/flags/:id/claim'],
    ['DELETE', '/api/v1/flags/:id/claim'],
    ['POST', '/api/v1/flags/:id/note'],
    ['GET', '/api/v1/audit'],
    ['GET', '/api/v1/topics'],
  ];

  it.each(routes)('[SEC1] %s %s: every body, query and id gets a typed answer', async (method, path) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uuid(), fc.string({ maxLength: 60 }).map(encodeURIComponent)),
        fc.oneof(
          fc.anything(),
          fc.dictionary(fc.string({ maxLength: 20 }), fc.anything()),
          // Near-valid bodies whose text fields hold hostile characters.
          fc.record(
            {
              username: nastyText(8),
              password: nastyText(12),
              displayName: nastyText(8),
              role: fc.constantFrom('specialist', 'moderator', 'admin'),
              topics: fc.array(nastyText(4), { maxLength: 5 }),
              action: fc.constantFrom('dismiss', 'warn', 'end_chat'),
              note: nastyText(20),
              inviteToken: nastyText(8),
            },
            { requiredKeys: [] },
          ),
        ),
        fc.dictionary(fc.constantFrom('status', 'limit', 'before', 'x'), fc.oneof(fc.string({ maxLength: 30 }), nastyText(6))),
        fc.boolean(),
        async (id, body, query, asAdmin) => {
          casesRun++;
          const url = `${path.replace(':id', id)}?${new URLSearchParams(query).toString()}`;
          const res = await t.app.inject({
            method: method as 'GET',
            url,
            // Spread over many addresses, as many clients would be: the per-address budget is tested elsewhere.
            remoteAddress: `10.${casesRun % 200}.${(casesRun >> 8) % 200}.${casesRun % 7}`,
            headers: asAdmin ? { cookie: admin } : {},
            ...(method === 'GET' ? {} : { payload: JSON.stringify(body) ?? 'null', headers: { 'content-type': 'application/json', ...(asAdmin ? { cookie: admin } : {}) } }),
          });
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const error = res.json().error;
            expect(CODES).toContain(error.code);
            expect(typeof error.message).toBe('string');
          }
        },
      ),
      { numRuns: HTTP_RUNS },
    );
  }, 120_000);

  it('[SEC1] the server is still up and a chat still works after the fuzzing', async () => {
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    admin = await signIn(t.app, ADMIN.username, ADMIN.password); // the fuzzed logout ended the old session
    const spec = await newSpecialist(t.app, t.url, admin, ['grief']);
    await ok(spec.socket, 'shift:start', { capacity: 1, topics: ['grief'] });
    const seek = await newSeeker(t.app, t.url);
    const matched = waitFor(seek.socket, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic: 'grief' });
    await matched;
    const heard = waitFor<{ text: string }>(spec.socket, 'message:new');
    await ok(seek.socket, 'message:send', { sessionId, clientMsgId: 'after-1', text: 'still fine' });
    expect((await heard).text).toBe('still fine');
    expect(casesRun).toBeGreaterThanOrEqual(10_000);
    spec.socket.close();
    seek.socket.close();
  });
});
