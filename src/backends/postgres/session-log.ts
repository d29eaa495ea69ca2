import type { SessionLog, SessionSnapshot, ShiftSnapshot } from '../../core/ports/session-log.js';
import type { Db } from './db.js';

const ms = (v: number | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Session and shift metadata on Postgres or PGlite: one multi-row upsert per batch (never a write
 * per message). Only metadata columns: no seeker id, alias or text (PRIV1).
 */
export class SqlSessionLog implements SessionLog {
  constructor(private readonly db: Db) {}

  async saveSessions(batch: SessionSnapshot[]): Promise<void> {
    const rows = batch.map((s) => {
      const firstMatch = s.matchedAt;
      return {
        id: s.id,
        topic: s.topic,
        language: s.language,
        specialist_id: s.specialistId,
        requested_at: ms(s.requestedAt),
        matched_at: ms(firstMatch),
        ended_at: ms(s.endedAt),
        wait_ms: firstMatch === null ? null : firstMatch - s.requestedAt,
        duration_ms: firstMatch !== null && s.endedAt !== null ? s.endedAt - firstMatch : null,
        ended_by: s.endedBy,
        end_reason: s.endReason,
        seeker_messages: s.seekerMessages,
        specialist_messages: s.specialistMessages,
        transfers: s.transfers,
        switches: s.switches,
        rating: s.rating,
        feedback: s.feedback ?? null,
        rev: s.rev,
      };
    });
    await this.db.query(
      `INSERT INTO chat_sessions (id, topic, language, specialist_id, requested_at, matched_at, ended_at, wait_ms, duration_ms,
         ended_by, end_reason, seeker_messages, specialist_messages, transfers, switches, rating, feedback, rev)
       SELECT id, topic, language, specialist_id, requested_at, matched_at, ended_at, wait_ms, duration_ms,
         ended_by, end_reason, seeker_messages, specialist_messages, transfers, switches, rating, feedback, rev
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, topic text, language text, specialist_id uuid, requested_at timestamptz,
         matched_at timestamptz, ended_at timestamptz, wait_ms integer, duration_ms integer, ended_by text, end_reason text,
         seeker_messages integer, specialist_messages integer, transfers integer, switches integer, rating smallint, feedback text, rev bigint)
       ON CONFLICT (id) DO UPDATE SET
         specialist_id = COALESCE(EXCLUDED.specialist_id, chat_sessions.specialist_id),
         matched_at = COALESCE(chat_sessions.matched_at, EXCLUDED.matched_at),
         wait_ms = COALESCE(chat_sessions.wait_ms, EXCLUDED.wait_ms),
         ended_at = COALESCE(EXCLUDED.ended_at, chat_sessions.ended_at),
         -- from the first match, like matched_at
         duration_ms = COALESCE((EXTRACT(EPOCH FROM (COALESCE(EXCLUDED.ended_at, chat_sessions.ended_at)
           - COALESCE(chat_sessions.matched_at, EXCLUDED.matched_at))) * 1000)::integer, chat_sessions.duration_ms),
         rev = EXCLUDED.rev,
         ended_by = COALESCE(EXCLUDED.ended_by, chat_sessions.ended_by),
         end_reason = COALESCE(EXCLUDED.end_reason, chat_sessions.end_reason),
         seeker_messages = GREATEST(chat_sessions.seeker_messages, EXCLUDED.seeker_messages),
         specialist_messages = GREATEST(chat_sessions.specialist_messages, EXCLUDED.specialist_messages),
         transfers = GREATEST(chat_sessions.transfers, EXCLUDED.transfers),
         switches = GREATEST(chat_sessions.switches, EXCLUDED.switches),
         rating = COALESCE(EXCLUDED.rating, chat_sessions.rating),
         feedback = COALESCE(EXCLUDED.feedback, chat_sessions.feedback)
       WHERE chat_sessions.rev <= EXCLUDED.rev`,
      [JSON.stringify(rows)],
    );
  }

  async purge(before: Date): Promise<number> {
    const { rows } = await this.db.query('DELETE FROM chat_sessions WHERE requested_at < $1 RETURNING 1', [before]);
    return rows.length;
  }

  async saveShifts(batch: ShiftSnapshot[]): Promise<void> {
    const rows = batch.map((s) => ({ id: s.id, staff_id: s.staffId, capacity: s.capacity, topics: s.topics, started_at: ms(s.startedAt), ended_at: ms(s.endedAt) }));
    await this.db.query(
      `INSERT INTO shifts (id, staff_id, capacity, topics, started_at, ended_at)
       SELECT id, staff_id, capacity, ARRAY(SELECT jsonb_array_elements_text(topics)), started_at, ended_at
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, staff_id uuid, capacity smallint, topics jsonb, started_at timestamptz, ended_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET capacity = EXCLUDED.capacity, topics = EXCLUDED.topics,
         ended_at = COALESCE(EXCLUDED.ended_at, shifts.ended_at)`,
      [JSON.stringify(rows)],
    );
  }
}
