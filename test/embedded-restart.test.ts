import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_FILE } from '../src/backends/memory/snapshot-file.js';
import type { Snapshot } from '../src/backends/memory/snapshot-schema.js';
import type { Message } from '../src/protocol/messages.js';
import { ok, send, waitFor } from '../src/testing/chat-helpers.js';
import { inviteSpecialist, login, request } from '../src/testing/http-client.js';
import { startServerProcess, type ServerProcess } from '../src/testing/server-process.js';
import { connectSocket, type TestSocket } from '../src/testing/socket-client.js';

const ADMIN = { username: 'restart-admin', password: 'restart admin password' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Poll `check` until it holds, or fail after `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Each test boots two real server processes one after the other.
describe('a single embedded node restarted (no REDIS_URL, no DATABASE_URL)', { timeout: 90_000 }, () => {
  const dirs: string[] = [];
  const processes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  const track = (s: TestSocket) => (sockets.push(s), s);
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const p of processes.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const boot = async (dir: string, env: Record<string, string> = {}) => {
    const env_ = { PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'info', BOOTSTRAP_ADMIN_USERNAME: ADMIN.username, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, ...env };
    const process = startServerProcess(env_, dir);
    processes.push(process);
    return { url: await process.listening, process };
  };
  /** SIGTERM, as a service manager stops it; the node must exit cleanly (REL4). */
  const stop = async (node: { process: ServerProcess }) => {
    node.process.child.kill('SIGTERM');
    expect(await node.process.exited).toBe(0);
  };
  const snapshotPath = (dir: string) => join(dir, SNAPSHOT_FILE);
  const editSnapshot = (dir: string, edit: (s: Snapshot) => void) => {
    const snapshot = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as Snapshot;
    edit(snapshot);
    writeFileSync(snapshotPath(dir), JSON.stringify(snapshot));
  };

  /** A node with a specialist on shift and a seeker in a live chat, three messages acknowledged. */
  async function liveChat(env: Record<string, string> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'peerline-restart-'));
    dirs.push(dir);
    const node = await boot(dir, env);
    const admin = await login(node.url, ADMIN.username, ADMIN.password);
    const spec = await inviteSpecialist(node.url, admin, 'restart-spec');
    const specSocket = track(await connectSocket(node.url, { cookie: spec.cookie }));
    await ok(specSocket, 'shift:start', { capacity: 1 });
    const { token } = (await request<{ token: string }>(node.url, 'POST', '/api/v1/seekers')).body;
    const seekSocket = track(await connectSocket(node.url, { token }));
    const matched = waitFor(seekSocket, 'chat:matched');
    const { sessionId } = await ok<{ sessionId: string }>(seekSocket, 'chat:request', {});
    await matched;
    const marker = randomUUID();
    const acked: Message[] = [];
    acked.push((await send(seekSocket, sessionId, `seeker words ${marker}`)).message);
    acked.push((await send(specSocket, sessionId, `specialist words ${marker}`)).message);
    acked.push((await send(seekSocket, sessionId, `more from the seeker ${marker}`)).message);
    return { dir, env, node, admin, spec, token, sessionId, acked, marker, seekSocket };
  }

  it('[REL6] [CH4] SIGTERM and start again: the staff login holds, the seeker token still identifies them, both sides resume every acknowledged message and chat on', async () => {
    const c = await liveChat();
    await stop(c.node);
    expect(existsSync(snapshotPath(c.dir))).toBe(true);
    const node = await boot(c.dir);
    expect(existsSync(snapshotPath(c.dir))).toBe(false);
    expect(node.process.output()).toContain('restored from the state snapshot');

    const me = await request<{ staff: { id: string } }>(node.url, 'GET', '/api/v1/auth/me', undefined, c.spec.cookie);
    expect(me.status).toBe(200);
    expect(me.body.staff.id).toBe(c.spec.id);
    const seek = track(await connectSocket(node.url, { token: c.token }));
    const spec = track(await connectSocket(node.url, { cookie: c.spec.cookie }));
    for (const socket of [seek, spec]) {
      const resumed = await ok<{ session: { status: string }; messages: Message[] }>(socket, 'chat:resume', { sessionId: c.sessionId, afterSeq: 0 });
      expect(resumed.session.status).toBe('active');
      expect(resumed.messages.map((m) => [m.id, m.seq, m.text])).toEqual(c.acked.map((m) => [m.id, m.seq, m.text]));
    }
    const toSpec = waitFor<Message>(spec, 'message:new', (m) => m.text === 'after the restart, from the seeker');
    const fromSeeker = (await send(seek, c.sessionId, 'after the restart, from the seeker')).message;
    expect(fromSeeker.seq).toBe(c.acked.length + 1);
    expect((await toSpec).id).toBe(fromSeeker.id);
    const toSeeker = waitFor<Message>(seek, 'message:new', (m) => m.text === 'after the restart, from the specialist');
    const fromSpec = (await send(spec, c.sessionId, 'after the restart, from the specialist')).message;
    expect((await toSeeker).id).toBe(fromSpec.id);
    // Message text went nowhere but memory and the snapshot, now deleted (PRIV1).
    expect(node.process.output()).not.toContain(c.marker);
    for (const file of readdirSync(c.dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())) {
      expect(readFileSync(join(file.parentPath, file.name)).includes(c.marker), file.name).toBe(false);
    }
  });

  it('[PRIV1] [PRIV2] the snapshot is readable by its owner only and holds no token or credential, only their hashes', async () => {
    const c = await liveChat();
    await stop(c.node);
    const path = snapshotPath(c.dir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(c.dir).filter((f) => f.startsWith(SNAPSHOT_FILE))).toEqual([SNAPSHOT_FILE]);
    const content = readFileSync(path, 'utf8');
    const staffToken = c.spec.cookie.slice(c.spec.cookie.indexOf('=') + 1);
    const adminToken = c.admin.slice(c.admin.indexOf('=') + 1);
    for (const secret of [c.token, staffToken, adminToken, ADMIN.password, 'specialist password 1']) expect(content).not.toContain(secret);
    // The identities are there, under the hashes they are looked up by.
    expect(content).toContain(sha256(c.token));
    expect(content).toContain(sha256(staffToken));
    expect(c.node.process.output()).not.toContain(c.marker);
  });

  it('[REL6] [PRIV1] a snapshot older than the live-history window brings back the chat but none of its text, and is deleted', async () => {
    const env = { LIVE_HISTORY_TTL_S: '1' };
    const c = await liveChat(env);
    await stop(c.node);
    await until(() => Date.now() - statSync(snapshotPath(c.dir)).mtimeMs > 1_200);
    const node = await boot(c.dir, env);
    expect(existsSync(snapshotPath(c.dir))).toBe(false);
    const seek = track(await connectSocket(node.url, { token: c.token }));
    const resumed = await ok<{ session: { status: string }; messages: Message[] }>(seek, 'chat:resume', { sessionId: c.sessionId, afterSeq: 0 });
    expect(resumed.session.status).toBe('active');
    expect(resumed.messages).toEqual([]);
    // The numbering goes on: no seq a client has seen is given to another message.
    expect((await send(seek, c.sessionId, 'still here')).message.seq).toBe(c.acked.length + 1);
  });

  it.each([
    ['cut short', (raw: string) => raw.slice(0, raw.length / 2), 'not JSON'],
    ['of the wrong shape', (raw: string) => JSON.stringify({ ...(JSON.parse(raw) as object), tokens: 'none' }), 'invalid'],
  ])('[REL6] a snapshot %s: the node boots, logs the kind of problem and no content, and starts empty', async (_, corrupt, problem) => {
    const c = await liveChat();
    await stop(c.node);
    writeFileSync(snapshotPath(c.dir), corrupt(readFileSync(snapshotPath(c.dir), 'utf8')));
    const node = await boot(c.dir);
    expect(existsSync(snapshotPath(c.dir))).toBe(false);
    expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
    const line = node.process.output().split('\n').find((l) => l.includes('state snapshot ignored'));
    expect(JSON.parse(line!)).toMatchObject({ level: 40, problem });
    for (const content of [c.marker, sha256(c.token), c.sessionId]) expect(node.process.output()).not.toContain(content);
    await expect(connectSocket(node.url, { token: c.token })).rejects.toThrow('UNAUTHENTICATED');
    expect((await request(node.url, 'GET', '/api/v1/auth/me', undefined, c.spec.cookie)).status).toBe(401);
  });

  it('[REL6] entries whose time ran out while the node was down are not restored; the others are', async () => {
    const c = await liveChat();
    await ok(c.seekSocket, 'chat:end', { sessionId: c.sessionId });
    await stop(c.node);
    const staffHash = sha256(c.spec.cookie.slice(c.spec.cookie.indexOf('=') + 1));
    // As if the node had been down past these expiries.
    editSnapshot(c.dir, (s) => {
      const login = s.tokens.find((t) => t.kind === 'staff-session' && t.hash === staffHash)!;
      login.expiresAt = Date.now() - 1;
      const history = s.histories.find((h) => h.sessionId === c.sessionId)!;
      expect(history.expiresAt).not.toBeNull();
      history.expiresAt = Date.now() - 1;
    });
    const node = await boot(c.dir);
    expect((await request(node.url, 'GET', '/api/v1/auth/me', undefined, c.spec.cookie)).status).toBe(401);
    expect((await request(node.url, 'GET', '/api/v1/auth/me', undefined, c.admin)).status).toBe(200);
    const seek = track(await connectSocket(node.url, { token: c.token }));
    const resumed = await ok<{ session: { status: string }; messages: Message[] }>(seek, 'chat:resume', { sessionId: c.sessionId, afterSeq: 0 });
    expect(resumed.session.status).toBe('ended');
    expect(resumed.messages).toEqual([]);
  });

  it('[REL6] [CH7] down for a minute: grace periods resume with the time they had left, so the specialist keeps the chat and a seeker who stays away is ended', async () => {
    const env = { CHAT_RECONNECT_GRACE_S: '10', SPECIALIST_GRACE_S: '30' };
    const c = await liveChat(env);
    await stop(c.node);
    // As if the node had stopped a minute earlier: past both grace periods set as the sockets closed.
    editSnapshot(c.dir, (s) => {
      expect(s.deadlines.map((d) => d.key.split(':')[0])).toEqual(expect.arrayContaining(['seeker-grace', 'specialist-grace']));
      s.savedAt -= 60_000;
      for (const d of s.deadlines) d.at -= 60_000;
    });
    const node = await boot(c.dir, env);
    const spec = track(await connectSocket(node.url, { cookie: c.spec.cookie }));
    const ended = waitFor<{ sessionId: string; endedBy: string; reason: string }>(spec, 'chat:ended', (e) => e.sessionId === c.sessionId, 30_000);
    const resumed = await ok<{ session: { status: string } }>(spec, 'chat:resume', { sessionId: c.sessionId, afterSeq: 0 });
    expect(resumed.session.status).toBe('active');
    expect(await ended).toMatchObject({ endedBy: 'system', reason: 'seeker_disconnected' });
  });
});
