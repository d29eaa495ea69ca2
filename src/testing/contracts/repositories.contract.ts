import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlAuditLog } from '../../backends/postgres/audit-log.js';
import { SqlFlagStore } from '../../backends/postgres/flag-store.js';
import type { Db } from '../../backends/postgres/db.js';
import { migrate } from '../../backends/postgres/migrate.js';
import { SqlSessionLog } from '../../backends/postgres/session-log.js';
import { SqlSessionQueries } from '../../backends/postgres/session-queries.js';
import { SqlStaffRepository } from '../../backends/postgres/staff-repository.js';
import type { SessionSnapshot } from '../../core/ports/session-log.js';
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
}
