import type { FlagStore, NewFlag } from '../../core/ports/flag-store.js';
import type { Flag, FlagAction } from '../../protocol/events.js';
import type { Message } from '../../protocol/messages.js';
import type { Db } from './db.js';

interface FlagRow {
  id: string;
  session_id: string;
  message_id: string | null;
  source: Flag['source'];
  severity: Flag['severity'];
  reason: string;
  status: Flag['status'];
  excerpt: Message[] | string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolution: FlagAction | null;
  resolution_note: string | null;
}

const COLUMNS = `id::text AS id, session_id::text AS session_id, message_id, source, severity, reason, status, excerpt,
  created_at, resolved_at, resolution, resolution_note`;

const toFlag = (r: FlagRow): Flag => ({
  id: r.id,
  sessionId: r.session_id,
  messageId: r.message_id,
  source: r.source,
  severity: r.severity,
  reason: r.reason,
  status: r.status,
  excerpt: typeof r.excerpt === 'string' ? (JSON.parse(r.excerpt) as Message[]) : r.excerpt,
  createdAt: new Date(r.created_at).toISOString(),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  resolution: r.resolution,
  resolutionNote: r.resolution_note,
});

/** FlagStore on Postgres or PGlite. */
export class SqlFlagStore implements FlagStore {
  constructor(private readonly db: Db) {}

  async create(flag: NewFlag): Promise<Flag> {
    const { rows } = await this.db.query<FlagRow>(
      `INSERT INTO flags (id, session_id, message_id, source, severity, reason, excerpt) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [flag.id, flag.sessionId, flag.messageId, flag.source, flag.severity, flag.reason, flag.excerpt === null ? null : JSON.stringify(flag.excerpt)],
    );
    return toFlag(rows[0]!);
  }

  async get(id: string): Promise<Flag | null> {
    const { rows } = await this.db.query<FlagRow>(`SELECT ${COLUMNS} FROM flags WHERE id = $1`, [id]);
    return rows[0] ? toFlag(rows[0]) : null;
  }

  async list(status: 'open' | 'resolved', limit: number): Promise<Flag[]> {
    const { rows } = await this.db.query<FlagRow>(
      `SELECT ${COLUMNS} FROM flags WHERE status = $1
       ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, created_at DESC LIMIT $2`,
      [status, limit],
    );
    return rows.map(toFlag);
  }

  async resolve(id: string, by: string, action: FlagAction, note: string | null, now: Date): Promise<Flag | null> {
    const { rows } = await this.db.query<FlagRow>(
      `UPDATE flags SET status = 'resolved', resolved_at = $3, resolved_by = $2, resolution = $4, resolution_note = $5
       WHERE id = $1 AND status = 'open' RETURNING ${COLUMNS}`,
      [id, by, now, action, note],
    );
    return rows[0] ? toFlag(rows[0]) : null;
  }

  async reopen(id: string, by: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE flags SET status = 'open', resolved_at = NULL, resolved_by = NULL, resolution = NULL, resolution_note = NULL
       WHERE id = $1 AND status = 'resolved' AND resolved_by = $2 RETURNING 1`,
      [id, by],
    );
    return rows.length === 1;
  }

  async purgeExcerpts(before: Date): Promise<number> {
    const { rows } = await this.db.query(`UPDATE flags SET excerpt = NULL, reason = '(removed after the retention period)', resolution_note = NULL
       WHERE excerpt IS NOT NULL AND created_at < $1 RETURNING 1`, [before]);
    return rows.length;
  }
}
