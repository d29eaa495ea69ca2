import { WAIT_BUCKETS_S, type SessionQueries, type SessionStats, type SessionSummary } from '../../core/ports/session-queries.js';
import type { Db } from './db.js';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** GET /sessions and GET /stats on Postgres or PGlite: aggregates computed in SQL, metadata only. */
export class SqlSessionQueries implements SessionQueries {
  constructor(private readonly db: Db) {}

  async list(q: { specialistId?: string; limit: number; before?: Date }): Promise<SessionSummary[]> {
    const { rows } = await this.db.query(
      `SELECT id, topic, language, specialist_id, requested_at, matched_at, ended_at, wait_ms, duration_ms, ended_by, end_reason,
              seeker_messages, specialist_messages, transfers, switches, rating
       FROM chat_sessions
       WHERE ($1::uuid IS NULL OR specialist_id = $1) AND ($2::timestamptz IS NULL OR requested_at < $2)
       ORDER BY requested_at DESC LIMIT $3`,
      [q.specialistId ?? null, q.before ?? null, q.limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      topic: (r.topic as string | null) ?? null,
      language: (r.language as string | null) ?? null,
      specialistId: (r.specialist_id as string | null) ?? null,
      requestedAt: iso(r.requested_at)!,
      matchedAt: iso(r.matched_at),
      endedAt: iso(r.ended_at),
      waitMs: num(r.wait_ms),
      durationMs: num(r.duration_ms),
      endedBy: (r.ended_by as string | null) ?? null,
      endReason: (r.end_reason as string | null) ?? null,
      seekerMessages: Number(r.seeker_messages),
      specialistMessages: Number(r.specialist_messages),
      transfers: Number(r.transfers),
      switches: Number(r.switches),
      rating: num(r.rating),
    }));
  }

  async stats(since: Date, until: Date): Promise<SessionStats> {
    const window = [since, until];
    const [totals, buckets, hours, ratings, flags] = await Promise.all([
      this.db.query(
        `SELECT count(*)::int AS requested, count(matched_at)::int AS matched, count(ended_at)::int AS ended,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_ms) AS w50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_ms) AS w90,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY wait_ms) AS w99,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS d50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY duration_ms) AS d90
         FROM chat_sessions WHERE requested_at >= $1 AND requested_at < $2`,
        window,
      ),
      this.db.query(
        `SELECT width_bucket(wait_ms, $3::int[]) AS bucket, count(*)::int AS n
         FROM chat_sessions WHERE requested_at >= $1 AND requested_at < $2 AND wait_ms IS NOT NULL GROUP BY 1`,
        [...window, WAIT_BUCKETS_S.map((s) => s * 1000)],
      ),
      this.db.query(
        `SELECT h.hour, count(s.id)::int AS n
         FROM generate_series(date_trunc('hour', $1::timestamptz), $2::timestamptz - interval '1 microsecond', interval '1 hour') AS h(hour)
         LEFT JOIN chat_sessions s ON s.requested_at >= greatest(h.hour, $1::timestamptz) AND s.requested_at < least(h.hour + interval '1 hour', $2::timestamptz)
         GROUP BY h.hour ORDER BY h.hour`,
        window,
      ),
      this.db.query(
        `SELECT rating, count(*)::int AS n FROM chat_sessions
         WHERE requested_at >= $1 AND requested_at < $2 AND rating IS NOT NULL GROUP BY rating`,
        window,
      ),
      this.db.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'open')::int AS open,
                count(*) FILTER (WHERE severity = 'high')::int AS high
         FROM flags WHERE created_at >= $1 AND created_at < $2`,
        window,
      ),
    ]);
    const t = totals.rows[0]!;
    const byBucket = new Map(buckets.rows.map((r) => [Number(r.bucket), Number(r.n)]));
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (const r of ratings.rows) distribution[Number(r.rating) - 1] = Number(r.n);
    const rated = distribution.reduce((a, b) => a + b, 0);
    const f = flags.rows[0]!;
    return {
      since: since.toISOString(),
      until: until.toISOString(),
      sessions: { requested: Number(t.requested), matched: Number(t.matched), unmatched: Number(t.requested) - Number(t.matched), ended: Number(t.ended) },
      waitMs: { p50: num(t.w50), p90: num(t.w90), p99: num(t.w99) },
      durationMs: { p50: num(t.d50), p90: num(t.d90) },
      // width_bucket: 0 below the first bound, i for [bound i-1, bound i), n at or above the last.
      waitBuckets: [...WAIT_BUCKETS_S, null].map((le, i) => ({ le, count: byBucket.get(i) ?? 0 })),
      chatsPerHour: hours.rows.map((r) => ({ hour: iso(r.hour)!, count: Number(r.n) })),
      ratings: { count: rated, average: rated ? distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / rated : null, distribution },
      flags: { total: Number(f.total), open: Number(f.open), high: Number(f.high) },
    };
  }
}
