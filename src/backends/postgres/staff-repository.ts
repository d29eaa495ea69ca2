import { newId } from '../../core/secrets.js';
import type { StaffRepository } from '../../core/ports/staff-repository.js';
import type { InviteOutcome, NewStaff, Staff, StaffPatch, StaffWithSecret } from '../../core/staff/types.js';
import type { Role } from '../../protocol/staff.js';
import type { Db } from './db.js';

interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  topics: string[];
  disabled: boolean;
  password_hash: string | null;
}

const COLUMNS = 'id::text AS id, username, display_name, role, topics, disabled, password_hash';
const FIRST_ADMIN_LOCK = 727_274_002;

const toStaff = (row: StaffRow): Staff => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  topics: row.topics ?? [],
  disabled: row.disabled,
});

/** StaffRepository on Postgres or PGlite. */
export class SqlStaffRepository implements StaffRepository {
  constructor(private readonly db: Db) {}

  async findById(id: string): Promise<Staff | null> {
    const { rows } = await this.db.query<StaffRow>(`SELECT ${COLUMNS} FROM staff WHERE id = $1`, [id]);
    return rows[0] ? toStaff(rows[0]) : null;
  }

  async findByUsername(username: string): Promise<StaffWithSecret | null> {
    const { rows } = await this.db.query<StaffRow>(`SELECT ${COLUMNS} FROM staff WHERE username = lower($1)`, [username]);
    return rows[0] ? { ...toStaff(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  async list(): Promise<Staff[]> {
    const { rows } = await this.db.query<StaffRow>(`SELECT ${COLUMNS} FROM staff ORDER BY created_at, username`);
    return rows.map(toStaff);
  }

  async createWithInvite(input: NewStaff, invite: { tokenHash: string; expiresAt: Date }): Promise<Staff | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<StaffRow>(
        `INSERT INTO staff (id, username, display_name, role, topics) VALUES ($1, lower($2), $3, $4, $5)
         ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
        [newId(), input.username, input.displayName, input.role, input.topics],
      );
      if (!rows[0]) return null;
      await tx.query('INSERT INTO invites (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)', [
        invite.tokenHash,
        rows[0].id,
        invite.expiresAt,
      ]);
      return toStaff(rows[0]);
    });
  }

  async update(id: string, patch: StaffPatch): Promise<Staff | null> {
    const { rows } = await this.db.query<StaffRow>(
      `UPDATE staff SET
         display_name = COALESCE($2, display_name),
         role = COALESCE($3, role),
         topics = COALESCE($4, topics),
         disabled = COALESCE($5, disabled),
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, patch.displayName ?? null, patch.role ?? null, patch.topics ?? null, patch.disabled ?? null],
    );
    return rows[0] ? toStaff(rows[0]) : null;
  }

  async inviteStatus(tokenHash: string, now: Date): Promise<'valid' | 'not_found' | 'expired' | 'used'> {
    const { rows } = await this.db.query<{ expires_at: Date; used_at: Date | null }>('SELECT expires_at, used_at FROM invites WHERE token_hash = $1', [tokenHash]);
    const invite = rows[0];
    if (!invite) return 'not_found';
    if (invite.used_at) return 'used';
    return new Date(invite.expires_at).getTime() <= now.getTime() ? 'expired' : 'valid';
  }

  async acceptInvite(tokenHash: string, passwordHash: string, now: Date): Promise<InviteOutcome> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ staff_id: string; expires_at: Date; used_at: Date | null }>(
        'SELECT staff_id::text AS staff_id, expires_at, used_at FROM invites WHERE token_hash = $1 FOR UPDATE',
        [tokenHash],
      );
      const invite = rows[0];
      if (!invite) return { status: 'not_found' };
      if (invite.used_at) return { status: 'used' };
      if (new Date(invite.expires_at).getTime() <= now.getTime()) return { status: 'expired' };
      await tx.query('UPDATE invites SET used_at = $2 WHERE token_hash = $1', [tokenHash, now]);
      const updated = await tx.query<StaffRow>(
        `UPDATE staff SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [invite.staff_id, passwordHash],
      );
      return updated.rows[0] ? { status: 'accepted', staff: toStaff(updated.rows[0]) } : { status: 'not_found' };
    });
  }

  async hasAdmin(): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM staff WHERE role = 'admin' AND NOT disabled LIMIT 1`);
    return rows.length > 0;
  }

  async createFirstAdmin(input: NewStaff, passwordHash: string): Promise<Staff | null> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const existing = await tx.query(`SELECT 1 FROM staff WHERE role = 'admin' AND NOT disabled LIMIT 1`);
      if (existing.rows.length > 0) return null;
      const { rows } = await tx.query<StaffRow>(
        `INSERT INTO staff (id, username, display_name, role, topics, password_hash) VALUES ($1, lower($2), $3, 'admin', $4, $5)
         ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
        [newId(), input.username, input.displayName, input.topics, passwordHash],
      );
      return rows[0] ? toStaff(rows[0]) : null;
    });
  }
}
