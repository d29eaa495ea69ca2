import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_COOKIE } from '../src/protocol/http.js';
import { ADMIN, backendKinds, createStaff, signIn, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

const api = (path: string) => `/api/v1${path}`;

describe.each(backendKinds())('HTTP API on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t.app);
  });
  afterAll(async () => t?.close());

  describe('operations', () => {
    it('[OPS1] /healthz and /readyz answer 200 when the backends are up', async () => {
      expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await t.app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks).toEqual(kind === 'real' ? { database: true, redis: true } : { database: true });
    });

    it('[OPS2] /metrics serves Prometheus text with HTTP durations and the socket count', async () => {
      const res = await t.app.inject('/metrics');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.body).toContain('peerline_http_request_duration_seconds_bucket');
      expect(res.body).toMatch(/peerline_socket_connections \d+/);
      expect(res.body).toContain('peerline_process_cpu_user_seconds_total');
    });

    it('serves OpenAPI built from the zod schemas at /docs', async () => {
      expect((await t.app.inject('/docs')).statusCode).toBe(200);
      const spec = (await t.app.inject('/docs/json')).json();
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([api('/seekers'), api('/auth/login'), api('/staff/{id}')]));
      expect(spec.paths[api('/auth/login')].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
    });

    it('[SEC4] serves every page of the web client with a strict CSP, no inline script and no cookie', async () => {
      for (const path of ['/', '/specialist', '/moderator', '/admin']) {
        const res = await t.app.inject(path);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.body).toMatch(/<script type="module" crossorigin src="\/assets\/[\w-]+\.js">/);
        expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('anonymity (SPEC §1): puts the topics and crisis resources in the seeker page itself (no API call before "talk")', async () => {
      const res = await t.app.inject('/');
      const meta = /<meta name="peerline-catalog" content="([^"]*)">/.exec(res.body);
      const catalog = JSON.parse(meta![1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      expect(catalog).toEqual({ topics: t.app.catalog.topics, resources: t.app.catalog.resources });
      const asset = /src="(\/assets\/[\w-]+\.js)"/.exec(res.body)![1]!;
      const js = await t.app.inject(asset);
      expect(js.statusCode).toBe(200);
      expect(js.headers['cache-control']).toContain('immutable');
    });

    it('[P7] sends the seeker landing rendered, topics and crisis links in it, br-compressed (gzip to a browser without br)', async () => {
      const res = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.headers['content-encoding']).toBe('br');
      const html = brotliDecompressSync(res.rawPayload).toString('utf8');
      expect(res.rawPayload.length).toBeLessThan(html.length / 2);
      expect(html).toContain('<h1>Talk to someone who has been there</h1>');
      for (const topic of t.app.catalog.topics) expect(html).toContain(`<option value="${topic.id}">`);
      for (const line of t.app.catalog.resources) expect(html).toContain(`href="${line.href}"`);
      const gzip = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(html);
      // [SEC4] Its styles come inside it, allowed by their hash alone; scripts stay 'self' only.
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
      expect(styles).toHaveLength(1);
      expect(String(res.headers['content-security-policy'])).toContain(`style-src 'self' ${styles[0]}`);
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self';");
    });

    it('[P7] a hashed asset is cached for a year as immutable and sent precompressed; the page is not cached', async () => {
      const page = await t.app.inject('/');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['cache-control']).not.toContain('immutable');
      const asset = /src="(\/assets\/[\w-]+-[\w-]{8}\.js)"/.exec(page.body)![1]!;
      const br = await t.app.inject({ url: asset, headers: { 'accept-encoding': 'br' } });
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['content-encoding']).toBe('br');
      const plain = await t.app.inject(asset);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    });

    it('answers unknown routes with a JSON NOT_FOUND', async () => {
      for (const url of ['/nope', api('/nope')]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
      }
      expect((await t.app.inject({ method: 'DELETE', url: api('/seekers') })).json().error.code).toBe('NOT_FOUND');
    });
  });

  describe('seekers', () => {
    it('[PRIV3] POST /seekers gives a fresh random identity each time, with no cookie', async () => {
      const [a, b] = await Promise.all([t.app.inject({ method: 'POST', url: api('/seekers') }), t.app.inject({ method: 'POST', url: api('/seekers') })]);
      expect(a.statusCode).toBe(201);
      expect(a.headers['set-cookie']).toBeUndefined();
      const first = a.json();
      const second = b.json();
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
      expect(first.alias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(Date.parse(first.expiresAt)).toBeGreaterThan(Date.now());
      expect(second.token).not.toBe(first.token);
      expect(await t.app.services.seekers.verify(first.token)).toMatchObject({ alias: first.alias });
    });
  });

  describe('staff sign-in', () => {
    it('[SEC3] logs in with an httpOnly SameSite=Strict cookie; /auth/me answers who', async () => {
      const res = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: ADMIN.username.toUpperCase(), password: ADMIN.password } });
      expect(res.statusCode).toBe(200);
      expect(res.json().staff).toMatchObject({ username: ADMIN.username, role: 'admin', displayName: ADMIN.displayName });
      expect(res.json().staff).not.toHaveProperty('passwordHash');
      const cookie = res.cookies.find((c) => c.name === STAFF_COOKIE)!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      const me = await t.app.inject({ url: api('/auth/me'), headers: { cookie: `${STAFF_COOKIE}=${cookie.value}` } });
      expect(me.json().staff).toEqual(res.json().staff);
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const wrongPassword = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: ADMIN.username, password: 'not the password' } });
      const unknownUser = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'nobody-here', password: 'not the password' } });
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownUser.statusCode).toBe(401);
      expect(unknownUser.json()).toEqual(wrongPassword.json());
      expect(wrongPassword.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('[SEC1] rejects a malformed login with VALIDATION naming the field', async () => {
      const res = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'x' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('body.password') });
    });

    it('[SEC3] logout ends the session: the cookie no longer works', async () => {
      const cookie = await signIn(t.app, ADMIN.username, ADMIN.password);
      expect((await t.app.inject({ method: 'POST', url: api('/auth/logout'), headers: { cookie } })).statusCode).toBe(204);
      const me = await t.app.inject({ url: api('/auth/me'), headers: { cookie } });
      expect(me.statusCode).toBe(401);
      expect(me.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('[SEC3] refuses a forged cookie', async () => {
      const me = await t.app.inject({ url: api('/auth/me'), headers: { cookie: `${STAFF_COOKIE}=forged-${'x'.repeat(40)}` } });
      expect(me.statusCode).toBe(401);
    });
  });

  describe('staff management and invites', () => {
    it('[SEC5] only admins manage staff: 401 without a cookie (before any validation), 403 for other roles', async () => {
      expect((await t.app.inject({ url: api('/staff') })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: api('/staff'), payload: { bad: true } })).statusCode).toBe(401);
      const mod = await createStaff(t.app, admin, { username: 'mod-a', displayName: 'Mo', role: 'moderator' });
      const res = await t.app.inject({ url: api('/staff'), headers: { cookie: mod.cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it('an admin invites a specialist, who sets a password and logs in', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: api('/staff'),
        headers: { cookie: admin },
        payload: { username: 'Spec.One', displayName: 'Alex', role: 'specialist', topics: ['anxiety'] },
      });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body.staff).toMatchObject({ username: 'spec.one', role: 'specialist', topics: ['anxiety'], disabled: false });
      expect(body.inviteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(body.inviteExpiresAt)).toBeGreaterThan(Date.now());
      expect(body.inviteUrl).toMatch(new RegExp(`/specialist#invite=${body.inviteToken}$`));

      const before = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'spec.one', password: 'a long enough password' } });
      expect(before.statusCode).toBe(401);
      const accepted = await t.app.inject({ method: 'POST', url: api('/invites/accept'), payload: { inviteToken: body.inviteToken, password: 'a long enough password' } });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().staff.id).toBe(body.staff.id);
      const cookie = await signIn(t.app, 'spec.one', 'a long enough password');
      expect((await t.app.inject({ url: api('/auth/me'), headers: { cookie } })).json().staff.role).toBe('specialist');

      const listed = await t.app.inject({ url: api('/staff'), headers: { cookie: admin } });
      expect(listed.json().staff.map((s: { username: string }) => s.username)).toContain('spec.one');
    });

    it('refuses a reused invite (409), an unknown or expired one (404), and a short password (400)', async () => {
      // [SEC1] a name seekers read must show something, and cannot be turned around by bidi controls.
      for (const bad of ['Sam\u202Egnp.exe', '\u200B\u200B\u2060', '\u2066Sam\u2069']) {
        const refused = await t.app.inject({ method: 'POST', url: api('/staff'), headers: { cookie: admin }, payload: { username: `bad-${bad.length}-${bad.charCodeAt(0)}`, displayName: bad, role: 'specialist' } });
        expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
        expect(refused.json()).toMatchObject({ error: { code: 'VALIDATION' } });
      }
      const created = (await t.app.inject({ method: 'POST', url: api('/staff'), headers: { cookie: admin }, payload: { username: 'spec-two', displayName: 'B', role: 'specialist' } })).json();
      const accept = (inviteToken: string, password = 'a long enough password') =>
        t.app.inject({ method: 'POST', url: api('/invites/accept'), payload: { inviteToken, password } });
      const short = await accept(created.inviteToken, 'short');
      expect(short.statusCode).toBe(400);
      expect(short.json().error.message).toContain('body.password');
      expect((await accept(created.inviteToken)).statusCode).toBe(200);
      const reused = await accept(created.inviteToken);
      expect(reused.statusCode).toBe(409);
      expect(reused.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already been used/) });
      expect((await accept('no-such-invite')).json().error.code).toBe('NOT_FOUND');

      const stale = (await t.app.inject({ method: 'POST', url: api('/staff'), headers: { cookie: admin }, payload: { username: 'spec-three', displayName: 'C', role: 'specialist' } })).json();
      await t.app.backends.db.query(`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE staff_id = $1`, [stale.staff.id]);
      const expired = await accept(stale.inviteToken);
      expect(expired.statusCode).toBe(404);
      expect(expired.json().error.message).toMatch(/expired/);
    });

    it('refuses a taken username with CONFLICT and bad fields with VALIDATION', async () => {
      const dup = await t.app.inject({ method: 'POST', url: api('/staff'), headers: { cookie: admin }, payload: { username: ADMIN.username, displayName: 'X', role: 'admin' } });
      expect(dup.statusCode).toBe(409);
      const bad = await t.app.inject({ method: 'POST', url: api('/staff'), headers: { cookie: admin }, payload: { username: 'ok-name', displayName: 'X', role: 'wizard' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('body.role');
    });

    it('PATCH updates and disables; a disabled account cannot log in', async () => {
      const spec = await createStaff(t.app, admin, { username: 'spec-four', displayName: 'D', role: 'specialist' });
      const patched = await t.app.inject({ method: 'PATCH', url: api(`/staff/${spec.id}`), headers: { cookie: admin }, payload: { displayName: 'Dee', topics: ['grief'] } });
      expect(patched.json().staff).toMatchObject({ displayName: 'Dee', topics: ['grief'], disabled: false });
      const disabled = await t.app.inject({ method: 'PATCH', url: api(`/staff/${spec.id}`), headers: { cookie: admin }, payload: { disabled: true } });
      expect(disabled.json().staff.disabled).toBe(true);
      expect((await t.app.inject({ url: api('/auth/me'), headers: { cookie: spec.cookie } })).statusCode).toBe(401);
      const login = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'spec-four', password: 'a long enough password' } });
      expect(login.statusCode).toBe(401);
    });

    it('PATCH answers 404 for an unknown id, 400 for a bad id or an empty patch, 409 for disabling yourself', async () => {
      const unknown = await t.app.inject({ method: 'PATCH', url: api('/staff/00000000-0000-4000-8000-000000000000'), headers: { cookie: admin }, payload: { disabled: true } });
      expect(unknown.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'PATCH', url: api('/staff/not-a-uuid'), headers: { cookie: admin }, payload: { disabled: true } })).statusCode).toBe(400);
      const me = (await t.app.inject({ url: api('/auth/me'), headers: { cookie: admin } })).json().staff;
      expect((await t.app.inject({ method: 'PATCH', url: api(`/staff/${me.id}`), headers: { cookie: admin }, payload: {} })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'PATCH', url: api(`/staff/${me.id}`), headers: { cookie: admin }, payload: { disabled: true } })).statusCode).toBe(409);
    });

    it('[SEC5] admins can do what moderators can', async () => {
      expect((await t.app.inject({ url: api('/audit'), headers: { cookie: admin } })).statusCode).toBe(200);
    });

    it('[SEC5] GET /sessions answers specialists (own) and admins; GET /stats only admins', async () => {
      const spec = await createStaff(t.app, admin, { username: 'spec-stats', displayName: 'S', role: 'specialist' });
      const mod = await createStaff(t.app, admin, { username: 'mod-stats', displayName: 'M', role: 'moderator' });
      const get = (url: string, cookie?: string) => t.app.inject({ url: api(url), headers: cookie ? { cookie } : {} });
      expect((await get('/sessions', spec.cookie)).json()).toEqual({ sessions: [] });
      expect((await get('/sessions', admin)).statusCode).toBe(200);
      expect((await get('/sessions', mod.cookie)).statusCode).toBe(403);
      expect((await get('/sessions')).statusCode).toBe(401);
      expect((await get('/sessions?before=yesterday', admin)).json().error.code).toBe('VALIDATION');
      const stats = await get('/stats?hours=6', admin);
      expect(stats.statusCode).toBe(200);
      // Six hours from mid-hour touch seven clock hours.
      expect([6, 7]).toContain(stats.json().chatsPerHour.length);
      expect(stats.json().waitBuckets.at(-1)).toEqual({ le: null, count: expect.any(Number) });
      expect((await get('/stats', spec.cookie)).statusCode).toBe(403);
      expect((await get('/stats', mod.cookie)).statusCode).toBe(403);
      expect((await get('/stats?hours=0', admin)).statusCode).toBe(400);
    });

    it('accepts one of two concurrent uses of the same invite', async () => {
      const created = (await t.app.inject({ method: 'POST', url: api('/staff'), headers: { cookie: admin }, payload: { username: 'spec-race', displayName: 'R', role: 'specialist' } })).json();
      const accept = () => t.app.inject({ method: 'POST', url: api('/invites/accept'), payload: { inviteToken: created.inviteToken, password: 'a long enough password' } });
      const results = await Promise.all([accept(), accept(), accept()]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    });

    it('[MOD5] every staff change lands in the audit log, readable by moderators but not specialists', async () => {
      const mod = await createStaff(t.app, admin, { username: 'mod-b', displayName: 'M', role: 'moderator' });
      const spec = await createStaff(t.app, admin, { username: 'spec-five', displayName: 'E', role: 'specialist' });
      const res = await t.app.inject({ url: api('/audit?limit=50'), headers: { cookie: mod.cookie } });
      expect(res.statusCode).toBe(200);
      const actions = res.json().entries.map((e: { action: string; targetId: string }) => `${e.action}:${e.targetId}`);
      expect(actions).toEqual(expect.arrayContaining([`staff.create:${spec.id}`, `invite.accept:${spec.id}`]));
      expect((await t.app.inject({ url: api('/audit'), headers: { cookie: spec.cookie } })).statusCode).toBe(403);
      expect((await t.app.inject({ url: api('/audit?limit=0'), headers: { cookie: mod.cookie } })).statusCode).toBe(400);
      // [SEC1] an id past a bigint is a typed 400, not a database error.
      const huge = await t.app.inject({ url: api('/audit?before=99999999999999999999999'), headers: { cookie: mod.cookie } });
      expect(huge.statusCode).toBe(400);
      expect(huge.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    });
  });

  describe('public lists', () => {
    it('[UX1] GET /topics and /resources list the catalog; every crisis line is a tel:, sms: or https: link, with sensible defaults', async () => {
      const topics = (await t.app.inject(api('/topics'))).json();
      expect(topics.length).toBeGreaterThan(0);
      expect(topics[0]).toEqual({ id: expect.any(String), label: expect.any(String) });
      const resources = (await t.app.inject(api('/resources'))).json() as { name: string; contact: string; description: string; href: string }[];
      expect(resources[0]).toEqual({ name: expect.any(String), contact: expect.any(String), description: expect.any(String), href: expect.any(String) });
      expect(resources.every((r) => /^(tel:\+?\d[\d-]*|sms:\+?\d[\d-]*|https:\/\/\S+)$/.test(r.href))).toBe(true);
      expect(resources.map((r) => r.href)).toEqual(expect.arrayContaining(['tel:988', 'sms:988', 'tel:116123', 'sms:85258', 'https://findahelpline.com']));
    });
  });

  describe('bad input', () => {
    it('[SEC2] refuses a body over 64 KB with 413', async () => {
      const res = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'a', password: 'x'.repeat(70_000) } });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('VALIDATION');
    });

    it('[SEC1] refuses broken JSON with VALIDATION', async () => {
      const res = await t.app.inject({ method: 'POST', url: api('/auth/login'), headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    });

    it('[SEC4] refuses a state-changing request from a foreign browser origin', async () => {
      const res = await t.app.inject({ method: 'POST', url: api('/seekers'), headers: { origin: 'https://evil.example' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      const same = await t.app.inject({ method: 'POST', url: api('/seekers'), headers: { origin: 'http://localhost:8080', host: 'localhost:8080' } });
      expect(same.statusCode).toBe(201);
      const portless = await t.app.inject({ method: 'POST', url: api('/seekers'), headers: { origin: 'http://localhost:8080', host: 'localhost' } });
      expect(portless.statusCode).toBe(403);
    });
  });
});

describe.each(backendKinds())('rate limits and first-admin setup on %s backends', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { RATE_SEEKER_TOKENS: '3', RATE_FAILED_LOGINS: '2' });
  });
  afterAll(async () => t?.close());

  it('[SEC2] limits new seeker tokens per address', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await t.app.inject({ method: 'POST', url: api('/seekers'), remoteAddress: '10.0.0.1' })).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    const limited = await t.app.inject({ method: 'POST', url: api('/seekers'), remoteAddress: '10.0.0.1' });
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const otherAddress = await t.app.inject({ method: 'POST', url: api('/seekers'), remoteAddress: '10.0.0.2' });
    expect(otherAddress.statusCode).toBe(201);
  });

  it('[SEC2] limits failed logins per address, then refuses even the right password', async () => {
    await t.app.services.firstAdmin.bootstrap({ username: 'limited', password: 'the right password', displayName: 'L' });
    const attempt = (password: string, remoteAddress = '10.0.0.3') =>
      t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'limited', password }, remoteAddress });
    expect((await attempt('the right password')).statusCode).toBe(200); // a success spends nothing
    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    expect((await attempt('the right password')).statusCode).toBe(429);
    expect((await attempt('the right password', '10.0.0.9')).statusCode).toBe(200);
  });

  it('[SEC2] counts parallel failed logins before the slow hash, so a burst cannot slip past', async () => {
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'limited', password: 'wrong' }, remoteAddress: '10.0.0.5' })),
    );
    expect(burst.map((r) => r.statusCode).sort()).toEqual([401, 401, 429, 429, 429, 429]);
  });

  it('accepts POST /setup once with the printed token, then refuses it', async () => {
    await t.app.backends.db.query(`UPDATE staff SET disabled = true WHERE role = 'admin'`); // no enabled admin yet
    const token = await t.app.services.firstAdmin.issueSetupToken();
    expect(token).toEqual(expect.any(String));
    const setup = (setupToken: string, password = 'a long enough password') =>
      t.app.inject({ method: 'POST', url: api('/setup'), payload: { setupToken, username: 'first', displayName: 'First Admin', password } });
    expect((await setup('wrong-token')).statusCode).toBe(401);
    expect((await setup(token!, 'short')).json().error.code).toBe('VALIDATION');
    const ok = await setup(token!);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().staff).toMatchObject({ username: 'first', role: 'admin' });
    expect((await setup(token!)).statusCode).toBe(409);
    expect(await t.app.services.firstAdmin.issueSetupToken()).toBeNull();
  });

  it('[REL2] /readyz answers 503 naming the backend that is down; 5xx leaks no internals', async () => {
    if (kind === 'real') t.app.backends.redis!.client.disconnect();
    else await t.app.backends.db.close();
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    const down = kind === 'real' ? 'redis' : 'database';
    expect(ready.json()).toMatchObject({ down: [down], error: { code: 'UNAVAILABLE', message: expect.stringContaining(down) } });
    const failing = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { username: 'first', password: 'a long enough password' }, remoteAddress: '10.0.0.4' });
    expect(failing.statusCode).toBe(503);
    expect(failing.json().error.code).toBe('UNAVAILABLE');
    expect(failing.body).not.toMatch(/stack|Error:|closed|ECONN|at .*\.js/);
  });
});
