import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlAuditLog } from '../../backends/postgres/audit-log.js';
import type { Db } from '../../backends/postgres/db.js';
import { migrate } from '../../backends/postgres/migrate.js';
import { SqlStaffRepository } from '../../backends/postgres/staff-repository.js';
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
}
