import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENDED_SESSION_KEEP_MS } from '../src/core/chat/matching.js';
import { waitingSession } from '../src/core/chat/types.js';
import { MemoryDeadlines } from '../src/backends/memory/deadlines.js';
import { MemoryLiveHistory } from '../src/backends/memory/live-history.js';
import { RestorableMatchStore } from '../src/backends/memory/match-store-snapshot.js';
import { SNAPSHOT_FILE, takeSnapshot, writeSnapshot } from '../src/backends/memory/snapshot-file.js';
import { snapshotSchema } from '../src/backends/memory/snapshot-schema.js';
import { capture, restore, type MemoryPorts } from '../src/backends/memory/snapshot.js';
import { MemoryTokenStore } from '../src/backends/memory/token-store.js';
import { createBackends } from '../src/backends/select.js';
import { loadConfig } from '../src/config.js';
import { dropSchema, serviceUrl, testSchema } from '../src/testing/real-services.js';

const WINDOW_MS = 600_000;

function ports(): MemoryPorts {
  const matches = new RestorableMatchStore();
  return { tokens: new MemoryTokenStore(), deadlines: new MemoryDeadlines(), matches, history: new MemoryLiveHistory((id, writer) => matches.isLive(id, writer)) };
}

/** A node's state: a live chat with two messages (one hidden), a seeker waiting, a grace deadline, tokens of each kind. */
async function busyNode(now: number) {
  const p = ports();
  await p.tokens.put('seeker', 'seeker-hash', { seekerId: 'seeker-1', alias: 'Calm Otter' }, 3_600_000);
  await p.tokens.put('staff-session', 'staff-hash', { staffId: 'staff-1' }, 3_600_000);
  await p.tokens.put('seeker-address', 'seeker-1', { addressKey: 'address-hash' }, 3_600_000);
  await p.tokens.put('ban', 'address-hash', { since: now }, 3_600_000);
  await p.matches.startShift({ staffId: 'staff-1', displayName: 'Sam', capacity: 1, topics: [], shiftId: 'shift-1', shiftStartedAt: now }, now);
  await p.matches.requestAndMatch(waitingSession({ id: 'live', seekerId: 'seeker-1', seekerAlias: 'Calm Otter', topic: null, language: null }, now), now, now);
  await p.matches.requestAndMatch(waitingSession({ id: 'waiting', seekerId: 'seeker-2', seekerAlias: 'Kind Heron', topic: null, language: null }, now + 1), now + 1, now);
  const draft = (n: number) => ({ id: `m${n}`, sessionId: 'live', sender: 'seeker' as const, text: `words ${n}`, sentAt: new Date(now).toISOString(), redacted: false, clientMsgId: `c${n}` });
  await p.history.appendIfLive(draft(1), { seekerId: 'seeker-1' });
  await p.history.appendIfLive(draft(2), { seekerId: 'seeker-1' });
  await p.history.hide('live', 'm1');
  await p.deadlines.set('seeker-grace:live', now + 10_000);
  return { p, draft };
}

/** Through JSON and the file's schema, as a restart reads it. */
const reread = (p: MemoryPorts, now: number) => snapshotSchema.parse(JSON.parse(JSON.stringify(capture(p, now))));

describe('the memory state snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peerline-snapshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('[REL6] puts back tokens by their hash, the chat, the queue, the specialist\'s load, hidden messages hidden and known clientMsgIds', async () => {
    const now = Date.now();
    const { p, draft } = await busyNode(now);
    const back = ports();
    const summary = restore(back, reread(p, now), { now: now + 5_000, historyWindowMs: WINDOW_MS });
    expect(summary).toMatchObject({ chats: 2, histories: 1, textKept: true });
    expect(await back.tokens.get('seeker', 'seeker-hash')).toEqual({ seekerId: 'seeker-1', alias: 'Calm Otter' });
    expect(await back.tokens.get('staff-session', 'staff-hash')).toEqual({ staffId: 'staff-1' });
    // Address hashes would need the salts, which are never written (PRIV2).
    expect(await back.tokens.get('seeker-address', 'seeker-1')).toBeNull();
    expect(await back.tokens.get('ban', 'address-hash')).toBeNull();
    expect((await back.matches.openSessionOf('seeker-1'))?.status).toBe('active');
    expect(await back.matches.position('waiting')).toBe(1);
    expect((await back.matches.specialist('staff-1'))?.active).toBe(1);
    expect((await back.history.after('live', 0)).map((m) => m.text)).toEqual(['words 2']);
    expect(await back.history.appendIfLive(draft(2), { seekerId: 'seeker-1' })).toMatchObject({ duplicate: true, message: { id: 'm2', seq: 2 } });
  });

  it('[REL6] [CH7] a deadline resumes with the time it had left: the downtime is not counted', async () => {
    const now = Date.now();
    const { p } = await busyNode(now);
    const back = ports();
    const downMs = 45_000;
    restore(back, reread(p, now), { now: now + downMs, historyWindowMs: WINDOW_MS });
    expect(await back.deadlines.claimDue(now + downMs + 9_999, 10, 1_000)).toEqual([]);
    expect(await back.deadlines.claimDue(now + downMs + 10_000, 10, 1_000)).toEqual(['seeker-grace:live']);
  });

  it('[PRIV1] text older than the live-history window is not put back, but the numbering goes on', async () => {
    const now = Date.now();
    const { p, draft } = await busyNode(now);
    const back = ports();
    expect(restore(back, reread(p, now), { now: now + 10_000, historyWindowMs: 5_000 }).textKept).toBe(false);
    expect(await back.history.after('live', 0)).toEqual([]);
    expect(JSON.stringify(capture(back, now + 10_000))).not.toContain('words');
    expect((await back.history.appendIfLive(draft(3), { seekerId: 'seeker-1' }))?.message.seq).toBe(3);
    // The file's own age counts too, when it is the older.
    const again = ports();
    expect(restore(again, reread(p, now), { now, historyWindowMs: 5_000, fileAgeMs: 6_000 }).textKept).toBe(false);
  });

  it('[REL6] what expired while the node was down is dropped: tokens, ended chats and their history', async () => {
    const now = Date.now();
    const { p } = await busyNode(now);
    await p.tokens.put('staff-session', 'short-hash', { staffId: 'staff-2' }, 5_000);
    await p.matches.endAndMatch('live', 'seeker', 'ended', now);
    await p.history.expire('live', 5_000);
    const saved = reread(p, now);
    const soon = ports();
    restore(soon, saved, { now: now + 2_500, historyWindowMs: WINDOW_MS });
    expect(await soon.tokens.get('staff-session', 'short-hash')).not.toBeNull();
    expect(await soon.history.after('live', 0)).toHaveLength(1);
    const later = ports();
    restore(later, saved, { now: now + 6_000, historyWindowMs: WINDOW_MS });
    expect(await later.tokens.get('staff-session', 'short-hash')).toBeNull();
    expect(await later.history.after('live', 0)).toEqual([]);
    expect(await later.matches.get('live')).not.toBeNull();
    const muchLater = ports();
    restore(muchLater, saved, { now: now + ENDED_SESSION_KEEP_MS + 1, historyWindowMs: WINDOW_MS });
    expect(await muchLater.matches.get('live')).toBeNull();
    expect(await muchLater.matches.get('waiting')).not.toBeNull();
  });

  it('[PRIV1] the file is written 0600 under a temporary name, read back once, and deleted with any half-written one', async () => {
    const { p } = await busyNode(Date.now());
    const snapshot = capture(p, Date.now());
    await writeSnapshot(dir, snapshot);
    expect(readdirSync(dir)).toEqual([SNAPSHOT_FILE]);
    expect(statSync(join(dir, SNAPSHOT_FILE)).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, `${SNAPSHOT_FILE}.partial`), '{"format":1,"saved');
    expect(await takeSnapshot(dir)).toMatchObject({ snapshot });
    expect(readdirSync(dir)).toEqual([]);
    expect(await takeSnapshot(dir)).toBeNull();
  });

  it.each([
    ['cut short', '{"format":1,"savedAt":', 'not JSON'],
    ['of another format', JSON.stringify({ format: 99 }), 'invalid'],
    ['with seqs out of order', null, 'invalid'],
  ])('[REL6] a file %s is deleted and reported by kind', async (_, content, problem) => {
    const { p } = await busyNode(Date.now());
    const snapshot = capture(p, Date.now());
    snapshot.histories[0]!.messages.reverse();
    writeFileSync(join(dir, SNAPSHOT_FILE), content ?? JSON.stringify(snapshot));
    expect(await takeSnapshot(dir)).toEqual({ problem });
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(false);
  });
});

describe.skipIf(!serviceUrl('DATABASE_URL'))('a node that starts on PostgreSQL over a DATA_DIR an embedded run left', () => {
  it('[PRIV1] [REL6] deletes the saved state, whose message text it will never read back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerline-discard-'));
    writeFileSync(join(dir, SNAPSHOT_FILE), '{"message text": "kept from an embedded run"}', { mode: 0o600 });
    writeFileSync(join(dir, `${SNAPSHOT_FILE}.partial`), 'half');
    const config = loadConfig({ DATABASE_URL: serviceUrl('DATABASE_URL')!, DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const schema = testSchema();
    const backends = await createBackends(config, { schema });
    try {
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await backends.close();
      await dropSchema(serviceUrl('DATABASE_URL')!, schema);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
