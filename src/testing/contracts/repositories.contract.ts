import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqlAuditLog } from '../../backends/postgres/audit-log.js';
import { SqlFlagStore } from '../../backends/postgres/flag-store.js';
import type { Db } from '../../backends/postgres/db.js';
import { migrate } from '../../backends/postgres/migrate.js';
import { SqlSessionLog } from '../../backends/postgres/session-log.js';
import { SqlSessionQueries } from '../../backends/postgres/session-queries.js';
import { SqlStaffRepository } from '../../backends/postgres/staff-repository.js';
import { MetadataBuffer, type MetadataDropReason, type MetadataKind } from '../../core/chat/metadata-buffer.js';
import { StorageError } from '../../core/errors.js';
import type { SessionLog, SessionSnapshot, ShiftSnapshot } from '../../core/ports/session-log.js';
import { randomSuffix } from '../real-services.js';

export interface TestDb {
  db: Db;
  schema: string;
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;

/** The behaviour the repositories must have on every database (PGlite and Postgres run the same SQL). */
export function repositoryContract(open: () => Promise<TestDb>): void {
  let t: TestDb;
  let staff: SqlStaffRepository;
  let audit: SqlAuditLog;
  beforeAll(async () => {
    t = await open();
    await migrate(t.db, t.schema);
    staff = new SqlStaffRepository(t.db);
    audit = new SqlAuditLog(t.db);
  });
  afterAll(async () => t.cleanup());

  const newStaff = (role: 'specialist' | 'moderator' | 'admin' = 'specialist') => ({
    username: `User_${randomSuffix()}`,
    displayName: 'Sam',
    role,
    topics: ['anxiety'],
  });
  const invite = (hash = randomSuffix(), expiresAt = new Date(Date.now() + DAY)) => ({ tokenHash: hash, expiresAt });

  describe('migrations', () => {
    it('[OPS1] apply once; running them again changes nothing', async () => {
      const again = await migrate(t.db, t.schema);
      expect(again.from).toBe(again.to);
      expect(again.to).toBeGreaterThanOrEqual(1);
    });
  });

  describe('flags', () => {
    it('[MOD5] a claimed flag can be reopened by the moderator who claimed it, and is as it was; nobody else can', async () => {
      const flags = new SqlFlagStore(t.db);
      const id = crypto.randomUUID();
      const created = await flags.create({ id, sessionId: crypto.randomUUID(), messageId: null, source: 'escalation', severity: 'high', reason: 'check', excerpt: [] });
      const claimer = (await staff.createWithInvite(newStaff('moderator'), invite()))!.id;
      const other = (await staff.createWithInvite(newStaff('moderator'), invite()))!.id;
      expect(await flags.resolve(id, claimer, 'hide_message', 'note', new Date())).toMatchObject({ status: 'resolved', resolution: 'hide_message' });
      expect(await flags.reopen(id, other)).toBe(false);
      expect(await flags.reopen(id, claimer)).toBe(true);
      expect(await flags.get(id)).toEqual(created);
      expect(await flags.reopen(id, claimer)).toBe(false);
      expect(await flags.resolve(id, claimer, 'dismiss', null, new Date())).toMatchObject({ status: 'resolved', resolution: 'dismiss' });
    });
  });

  describe('staff', () => {
    it('creates an account with an invite, found by username case-insensitively', async () => {
      const input = newStaff();
      const created = await staff.createWithInvite(input, invite());
      expect(created).toMatchObject({ username: input.username.toLowerCase(), role: 'specialist', topics: ['anxiety'], disabled: false });
      const found = await staff.findByUsername(input.username.toUpperCase());
      expect(found).toMatchObject({ id: created!.id, passwordHash: null });
      expect(await staff.findById(created!.id)).toEqual(created);
      expect((await staff.list()).map((s) => s.id)).toContain(created!.id);
    });

    it('refuses a taken username and writes nothing for it', async () => {
      const input = newStaff();
      await staff.createWithInvite(input, invite());
      const hash = randomSuffix();
      expect(await staff.createWithInvite({ ...input, username: input.username.toUpperCase() }, invite(hash))).toBeNull();
      const { rows } = await t.db.query('SELECT 1 FROM invites WHERE token_hash = $1', [hash]);
      expect(rows).toHaveLength(0);
    });

    it('updates only the given fields', async () => {
      const created = (await staff.createWithInvite(newStaff(), invite()))!;
      const updated = await staff.update(created.id, { disabled: true, topics: [] });
      expect(updated).toMatchObject({ displayName: 'Sam', role: 'specialist', topics: [], disabled: true });
      expect(await staff.update('00000000-0000-4000-8000-000000000000', { disabled: true })).toBeNull();
    });

    it('accepts an invite once: sets the password, then reports it used', async () => {
      const hash = randomSuffix();
      const created = (await staff.createWithInvite(newStaff(), invite(hash)))!;
      const outcome = await staff.acceptInvite(hash, 'argon-hash', new Date());
      expect(outcome).toEqual({ status: 'accepted', staff: created });
      expect((await staff.findById(created.id))?.id).toBe(created.id);
      expect((await staff.findByUsername(created.username))?.passwordHash).toBe('argon-hash');
      expect(await staff.acceptInvite(hash, 'other-hash', new Date())).toEqual({ status: 'used' });
      expect((await staff.findByUsername(created.username))?.passwordHash).toBe('argon-hash');
    });

    it('refuses an expired or unknown invite and sets no password', async () => {
      const hash = randomSuffix();
      const created = (await staff.createWithInvite(newStaff(), invite(hash, new Date(Date.now() - 1000))))!;
      expect(await staff.acceptInvite(hash, 'argon-hash', new Date())).toEqual({ status: 'expired' });
      expect(await staff.acceptInvite('unknown', 'argon-hash', new Date())).toEqual({ status: 'not_found' });
      expect((await staff.findByUsername(created.username))?.passwordHash).toBeNull();
    });
  });

  describe('first admin', () => {
    it('creates exactly one admin even when asked concurrently', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 5 }, (_, i) => staff.createFirstAdmin({ ...newStaff('admin'), username: `boss${i}_${randomSuffix()}` }, 'h')),
      );
      expect(attempts.filter(Boolean)).toHaveLength(1);
      expect(await staff.hasAdmin()).toBe(true);
      expect(await staff.createFirstAdmin(newStaff('admin'), 'h')).toBeNull();
    });
  });

  describe('audit log', () => {
    it('[MOD5] lists entries newest first, paged by id', async () => {
      const a = await audit.append({ actorId: null, action: 'test.a', targetType: 'staff', targetId: 'x', detail: { n: 1 } });
      const b = await audit.append({ actorId: null, action: 'test.b', targetType: 'staff', targetId: 'y', detail: {} });
      const newest = await audit.list({ limit: 2 });
      expect(newest.map((e) => e.action)).toEqual(['test.b', 'test.a']);
      expect(newest[1]).toEqual(a);
      expect((await audit.list({ limit: 10, before: b.id }))[0]?.id).toBe(a.id);
    });

    it('[MOD5] is append-only: the database refuses UPDATE and DELETE', async () => {
      const entry = await audit.append({ actorId: null, action: 'test.keep', targetType: 'staff', targetId: null, detail: {} });
      await expect(t.db.query('UPDATE audit_log SET action = $1 WHERE id = $2', ['forged', entry.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query('DELETE FROM audit_log WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
      expect((await audit.list({ limit: 1 }))[0]).toEqual(entry);
    });
  });

  describe('session queries', () => {
    const HOUR = 3_600_000;
    const base = Date.UTC(2031, 0, 1, 10, 0, 0);
    const snapshot = (over: Partial<SessionSnapshot>): SessionSnapshot => ({
      id: crypto.randomUUID(), seekerId: 'seeker', seekerAlias: 'Quiet Heron', topic: 'anxiety', language: null, status: 'ended',
      requestedAt: base, queuedAt: base, priority: 0, excludeStaffId: null, specialistId: null, specialistName: null,
      matchedAt: null, endedAt: null, endedBy: null, endReason: null, transfers: 0, switches: 0, rating: null,
      seekerMessages: 3, specialistMessages: 2, rev: 1, ...over,
    });

    it('[PRIV5] lists a specialist only their own chats, newest first, with no seeker identity', async () => {
      const me = (await staff.createWithInvite(newStaff(), invite()))!;
      const other = (await staff.createWithInvite(newStaff(), invite()))!;
      const mine = [0, 1, 2].map((i) => snapshot({ specialistId: me.id, requestedAt: base + i * 1000, matchedAt: base + i * 1000 + 500 }));
      await new SqlSessionLog(t.db).saveSessions([...mine, snapshot({ specialistId: other.id })]);
      const queries = new SqlSessionQueries(t.db);
      const listed = await queries.list({ specialistId: me.id, limit: 10 });
      expect(listed.map((s) => s.id)).toEqual(mine.map((s) => s.id).reverse());
      expect(listed[0]).toMatchObject({ topic: 'anxiety', waitMs: 500, seekerMessages: 3, specialistMessages: 2 });
      expect(JSON.stringify(listed)).not.toMatch(/Quiet Heron|seeker"/);
      expect((await queries.list({ specialistId: me.id, limit: 10, before: new Date(base + 2000) })).map((s) => s.id)).toEqual([mine[1]!.id, mine[0]!.id]);
      expect((await queries.list({ limit: 500 })).length).toBeGreaterThanOrEqual(4);
    });

    it('computes stats over a window: counts, wait percentiles and buckets, chats per hour, ratings', async () => {
      const start = base + 24 * HOUR;
      const waits = [5_000, 20_000, 45_000, 1_000_000];
      await new SqlSessionLog(t.db).saveSessions([
        ...waits.map((w, i) => snapshot({ requestedAt: start + i * 60_000, matchedAt: start + i * 60_000 + w, endedAt: start + i * 60_000 + w + 600_000, endedBy: 'seeker', rating: i + 2 })),
        snapshot({ requestedAt: start + 2 * HOUR + 5 }),
        snapshot({ requestedAt: start - 1 }),
      ]);
      const stats = await new SqlSessionQueries(t.db).stats(new Date(start), new Date(start + 3 * HOUR));
      expect(stats.sessions).toEqual({ requested: 5, matched: 4, unmatched: 1, ended: 4 });
      expect(stats.waitMs.p50).toBe(32_500);
      expect(stats.durationMs.p50).toBe(600_000);
      expect(stats.waitBuckets).toEqual([
        { le: 10, count: 1 }, { le: 30, count: 1 }, { le: 60, count: 1 }, { le: 120, count: 0 }, { le: 300, count: 0 }, { le: 900, count: 0 }, { le: null, count: 1 },
      ]);
      expect(stats.chatsPerHour.map((h) => h.count)).toEqual([4, 0, 1]);
      expect(stats.chatsPerHour[0]!.hour).toBe(new Date(start).toISOString());
      expect(stats.ratings).toEqual({ count: 4, average: 3.5, distribution: [0, 1, 1, 1, 1] });
    });
  });

  describe('[REL3] metadata the database refuses (a fresh schema per test)', () => {
    let d: TestDb;
    beforeEach(async () => {
      d = await open();
      await migrate(d.db, d.schema);
    });
    afterEach(async () => d.cleanup());

    const snapshot = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
      id: crypto.randomUUID(), seekerId: 'seeker', seekerAlias: 'Quiet Heron', topic: 'anxiety', language: null, status: 'ended',
      requestedAt: Date.now(), queuedAt: Date.now(), priority: 0, excludeStaffId: null, specialistId: null, specialistName: null,
      matchedAt: null, endedAt: null, endedBy: null, endReason: null, transfers: 0, switches: 0, rating: null,
      seekerMessages: 1, specialistMessages: 1, rev: 1, ...over,
    });
    const observed = () => {
      const drops: [number, MetadataDropReason, MetadataKind][] = [];
      const refused: unknown[] = [];
      const errors: unknown[] = [];
      return { drops, refused, errors, options: { maxPending: 100, retryMs: 60_000, onDrop: (...d: [number, MetadataDropReason, MetadataKind]) => drops.push(d), onRefused: (_k: MetadataKind, e: unknown) => refused.push(e), onError: (e: unknown) => errors.push(e) } };
    };
    const landed = async (table: string, ids: string[]) =>
      (await d.db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids])).rows.map((r) => r.id);

    // Rows Postgres refuses for different reasons: a constraint, a foreign key, a type, a NUL, a range.
    const refusals: [string, Partial<SessionSnapshot>, string, string | undefined][] = [
      ['a rating its check refuses', { rating: 9 }, '23514', undefined],
      ['a specialist who is not on the staff', { specialistId: crypto.randomUUID() }, '23503', undefined],
      ['a specialist id that is not a uuid', { specialistId: 'secret-looking-value-4f1c' }, '22P02', 'secret-looking-value-4f1c'],
      ['a NUL in its topic', { topic: 'anxiety\u0000' }, '22P05', undefined],
      ['a wait too long for its column', { matchedAt: Date.now() + 3e9 }, '22003', undefined],
    ];

    it.each(refusals)('[REL3] a session with %s is retried alone, dropped and counted; the others land', async (_what, bad, code, value) => {
      const log = new RecordingLog(new SqlSessionLog(d.db));
      const o = observed();
      const buffer = new MetadataBuffer(log, o.options);
      const good = Array.from({ length: 6 }, () => snapshot());
      const refused = snapshot(bad);
      for (const s of [...good.slice(0, 3), refused, ...good.slice(3)]) buffer.recordSession(s);
      await buffer.flush();
      expect(await landed('chat_sessions', [...good, refused].map((s) => s.id))).toEqual(good.map((s) => s.id).sort());
      expect(log.sessionBatches[0]).toHaveLength(7);
      expect(log.sessionBatches.filter((b) => b.includes(refused.id)).at(-1)).toEqual([refused.id]);
      expect(o.drops).toEqual([[1, 'refused', 'session']]);
      expect(o.errors).toEqual([]);
      expect(o.refused).toHaveLength(1);
      const err = o.refused[0] as StorageError;
      expect(err).toBeInstanceOf(StorageError);
      expect(err).toMatchObject({ kind: 'refused', code });
      if (value) expect(JSON.stringify({ ...err, message: err.message, stack: err.stack })).not.toContain(value);
      expect(buffer.pending).toBe(0);
      // Later sessions of this node are not held back.
      const later = snapshot();
      buffer.recordSession(later);
      await buffer.flush();
      expect(await landed('chat_sessions', [later.id])).toEqual([later.id]);
      await buffer.close();
    });

    it('[REL3] a shift the database refuses is dropped and counted; the other shifts land', async () => {
      const staffId = (await new SqlStaffRepository(d.db).createWithInvite(newStaff(), invite()))!.id;
      const shift = (capacity: number): ShiftSnapshot => ({ id: crypto.randomUUID(), staffId, capacity, topics: ['anxiety'], startedAt: Date.now(), endedAt: null });
      const log = new RecordingLog(new SqlSessionLog(d.db));
      const o = observed();
      const buffer = new MetadataBuffer(log, o.options);
      const good = [shift(1), shift(3), shift(5)];
      const refused = shift(9);
      for (const s of [good[0]!, refused, ...good.slice(1)]) buffer.recordShift(s);
      await buffer.flush();
      expect(await landed('shifts', [...good, refused].map((s) => s.id))).toEqual(good.map((s) => s.id).sort());
      expect(log.shiftBatches.filter((b) => b.includes(refused.id)).at(-1)).toEqual([refused.id]);
      expect(o.drops).toEqual([[1, 'refused', 'shift']]);
      expect(o.refused[0]).toMatchObject({ kind: 'refused', code: '23514', constraint: 'shifts_capacity_check' });
      await buffer.close();
    });

    it('[REL3] [PRIV1] the database port reports a refusal by its code, without the values of the statement', async () => {
      const secret = 'secret-feedback-8d2e';
      const err = (await d.db.query('SELECT $1::uuid', [secret]).catch((e: unknown) => e)) as StorageError;
      expect(err).toBeInstanceOf(StorageError);
      expect(err).toMatchObject({ kind: 'refused', code: '22P02' });
      expect(err.message).toMatch(/^invalid input syntax for type uuid/);
      expect(`${err.message} ${err.stack} ${JSON.stringify(err)}`).not.toContain(secret);
      const inJson = (await d.db.query('SELECT $1::jsonb', [`{"feedback": "${secret}\\u0000"}`]).catch((e: unknown) => e)) as StorageError;
      expect(inJson).toMatchObject({ kind: 'refused', code: '22P05' });
      expect(`${inJson.message} ${inJson.stack} ${JSON.stringify(inJson)}`).not.toContain(secret);
      // The database goes on.
      expect((await d.db.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    });
  });
}

/** Records the ids of every batch handed to the session log. */
class RecordingLog implements SessionLog {
  readonly sessionBatches: string[][] = [];
  readonly shiftBatches: string[][] = [];
  constructor(private readonly inner: SessionLog) {}
  saveSessions(batch: SessionSnapshot[]) {
    this.sessionBatches.push(batch.map((s) => s.id));
    return this.inner.saveSessions(batch);
  }
  saveShifts(batch: ShiftSnapshot[]) {
    this.shiftBatches.push(batch.map((s) => s.id));
    return this.inner.saveShifts(batch);
  }
  purge(before: Date) {
    return this.inner.purge(before);
  }
}
