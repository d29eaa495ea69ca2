/** One chat's metadata as staff may see it: no seeker identity and never message text (PRIV1, PRIV5). */
export interface SessionSummary {
  id: string;
  topic: string | null;
  language: string | null;
  specialistId: string | null;
  requestedAt: string;
  matchedAt: string | null;
  endedAt: string | null;
  waitMs: number | null;
  durationMs: number | null;
  endedBy: string | null;
  endReason: string | null;
  seekerMessages: number;
  specialistMessages: number;
  transfers: number;
  switches: number;
  rating: number | null;
}

/** Upper bounds (seconds) of the waiting-time histogram; the last bucket is open-ended. */
export const WAIT_BUCKETS_S = [10, 30, 60, 120, 300, 900] as const;

export interface SessionStats {
  since: string;
  until: string;
  sessions: { requested: number; matched: number; unmatched: number; ended: number };
  waitMs: { p50: number | null; p90: number | null; p99: number | null };
  durationMs: { p50: number | null; p90: number | null };
  /** Matched chats by wait, one bucket per WAIT_BUCKETS_S bound plus one above the last (`le: null`). */
  waitBuckets: { le: number | null; count: number }[];
  /** Requests per clock hour in the window, oldest first, hours without requests included. */
  chatsPerHour: { hour: string; count: number }[];
  ratings: { count: number; average: number | null; distribution: [number, number, number, number, number] };
  flags: { total: number; open: number; high: number };
}

/** Read side of the durable session log, for GET /sessions and GET /stats. */
export interface SessionQueries {
  /** Newest first; only that specialist's chats when `specialistId` is given. */
  list(q: { specialistId?: string; limit: number; before?: Date }): Promise<SessionSummary[]>;
  stats(since: Date, until: Date): Promise<SessionStats>;
}
