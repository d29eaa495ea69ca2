import type { FlagStore, NewFlag, StoredFlag } from '../../core/ports/flag-store.js';
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
  crisis: boolean;
  claimed_by: string | null;
  claim_expires_at: Date | null;
  claimer_name: string | null;
}

// Every read names the claimer: `f` is the flags row (or the rows a write returned), `s` staff.
const COLUMNS = `f.id::text AS id, f.session_id::text AS session_id, f.message_id, f.source, f.severity, f.reason, f.status, f.excerpt,
  f.created_at, f.resolved_at, f.resolution, f.resolution_note, f.crisis, f.claimed_by::text AS claimed_by, f.claim_expires_at,
  s.display_name AS claimer_name`;
const CLAIMER = 'LEFT JOIN staff s ON s.id = f.claimed_by';
/** A write's RETURNING rows, read with the claimer's name. */
const returning = (write: string) => `WITH f AS (${write} RETURNING *) SELECT ${COLUMNS} FROM f ${CLAIMER}`;

const toFlag = (r: FlagRow): StoredFlag => ({
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
  crisis: r.crisis,
  claimedBy: r.claimed_by && r.claim_expires_at ? { id: r.claimed_by, displayName: r.claimer_name ?? '', expiresAt: new Date(r.claim_expires_at).toISOString() } : null,
});

/** FlagStore on Postgres or PGlite. */
export class SqlFlagStore implements FlagStore {
  constructor(private readonly db: Db) {}

  async create(flag: NewFlag): Promise<StoredFlag> {
    const { rows } = await this.db.query<FlagRow>(
      returning(`INSERT INTO flags (id, session_id, message_id, source, severity, reason, excerpt, crisis) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`),
      [flag.id, flag.sessionId, flag.messageId, flag.source, flag.severity, flag.reason, flag.excerpt === null ? null : JSON.stringify(flag.excerpt), flag.crisis === true],
    );
    return toFlag(rows[0]!);
  }

  async get(id: string): Promise<StoredFlag | null> {
    const { rows } = await this.db.query<FlagRow>(`SELECT ${COLUMNS} FROM flags f ${CLAIMER} WHERE f.id = $1`, [id]);
    return rows[0] ? toFlag(rows[0]) : null;
  }

  async list(status: 'open' | 'resolved', limit: number): Promise<StoredFlag[]> {
    const { rows } = await this.db.query<FlagRow>(
      `SELECT ${COLUMNS} FROM flags f ${CLAIMER} WHERE f.status = $1
       ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.created_at DESC LIMIT $2`,
      [status, limit],
    );
    return rows.map(toFlag);
  }

  async resolve(id: string, by: string, action: FlagAction, note: string | null, now: Date): Promise<StoredFlag | null> {
    const { rows } = await this.db.query<FlagRow>(
      returning(`UPDATE flags SET status = 'resolved', resolved_at = $3, resolved_by = $2, resolution = $4, resolution_note = $5,
         claimed_by = NULL, claim_expires_at = NULL
       WHERE id = $1 AND status = 'open' AND (claimed_by IS NULL OR claimed_by = $2 OR claim_expires_at <= $3)`),
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

  async claim(id: string, by: string, until: Date, now: Date): Promise<StoredFlag | null> {
    const { rows } = await this.db.query<FlagRow>(
      returning(`UPDATE flags SET claimed_by = $2, claim_expires_at = $3
       WHERE id = $1 AND status = 'open' AND (claimed_by IS NULL OR claimed_by = $2 OR claim_expires_at <= $4)`),
      [id, by, until, now],
    );
    return rows[0] ? toFlag(rows[0]) : null;
  }

  async release(id: string, by: string): Promise<StoredFlag | null> {
    await this.db.query('UPDATE flags SET claimed_by = NULL, claim_expires_at = NULL WHERE id = $1 AND claimed_by = $2', [id, by]);
    return this.get(id);
  }

  async purgeExcerpts(before: Date): Promise<number> {
    const { rows } = await this.db.query(`UPDATE flags SET excerpt = NULL, reason = '(removed after the retention period)', resolution_note = NULL
       WHERE excerpt IS NOT NULL AND created_at < $1 RETURNING 1`, [before]);
    return rows.length;
  }
}
