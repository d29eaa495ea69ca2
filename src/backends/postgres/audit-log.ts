import type { AuditLog } from '../../core/ports/audit-log.js';
import type { AuditEntry, NewAuditEntry } from '../../core/staff/types.js';
import type { Db } from './db.js';

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  detail: Record<string, unknown>;
}

// Every read names the actor (UX6): `a` is the log row (or the row a write returned), `s` staff.
const COLUMNS = 'a.id::text AS id, a.at, a.actor_id::text AS actor_id, s.display_name AS actor_name, a.action, a.target_type, a.target_id, a.detail';
const ACTOR = 'LEFT JOIN staff s ON s.id = a.actor_id';

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  actorId: row.actor_id,
  actorName: row.actor_name,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
});

/** AuditLog on Postgres or PGlite; a trigger refuses UPDATE and DELETE on the table. */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const { rows } = await this.db.query<AuditRow>(
      `WITH a AS (INSERT INTO audit_log (actor_id, action, target_type, target_id, detail) VALUES ($1, $2, $3, $4, $5) RETURNING *)
       SELECT ${COLUMNS} FROM a ${ACTOR}`,
      [entry.actorId, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.detail)],
    );
    return toEntry(rows[0]!);
  }

  async list(options: { limit: number; before?: string }): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log a ${ACTOR} WHERE ($1::bigint IS NULL OR a.id < $1::bigint) ORDER BY a.id DESC LIMIT $2`,
      [options.before ?? null, options.limit],
    );
    return rows.map(toEntry);
  }
}
