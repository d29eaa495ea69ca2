import type { EndedBy, QueueStats, RequeueReason, SessionRecord, SpecialistRecord } from '../chat/types.js';
import type { Writer } from './live-history.js';

export interface RequestOutcome {
  session: SessionRecord;
  created: boolean;
  matched: SessionRecord[];
  /** 1-based place in the queue, or null when not waiting. */
  position: number | null;
  recentMatches: number;
  /**
   * The specialists whose shift:update (onShift, capacity, active) this step changed, as they stand
   * after it. One whose seat was freed and taken again in the same step is not among them.
   */
  specialists: SpecialistRecord[];
}

export interface EndOutcome {
  /** The session as it ended; null when nothing ended (see `refused`). */
  ended: SessionRecord | null;
  matched: SessionRecord[];
  /** As RequestOutcome's. */
  specialists: SpecialistRecord[];
  /** Why nothing ended: no such session (or, with `by`, not theirs), or it had ended already. */
  refused: 'not_found' | 'ended' | null;
}

/**
 * Sessions, the queue and specialists' routing state, shared by every node. Each method is one
 * atomic step in the backend (one Lua script in Redis, MQ9), so concurrent nodes never double-assign.
 */
export interface MatchStore {
  /** Queue a new session, or return the seeker's open one (`created: false`): never two per seeker. */
  request(session: SessionRecord): Promise<{ session: SessionRecord; created: boolean }>;
  /**
   * Assign waiting sessions to specialists with free capacity, passing over sessions marked away
   * (MQ10): queue order (MQ2), the eligible
   * specialist with the lowest active/capacity then the longest idle (MQ3), topics (MQ4), never
   * above capacity (MQ1). Returns the sessions it matched.
   */
  match(now: number): Promise<SessionRecord[]>;
  /** End a waiting or active session (a handover's note goes with it); null when it was already ended or does not exist. */
  end(sessionId: string, endedBy: EndedBy, reason: string, now: number): Promise<SessionRecord | null>;
  /**
   * A seeker's arrival as one step (one round trip to a shared backend): `request`, then `match` if
   * the session waits, then its place and the matches since `since` (for the ETA). `session` is as
   * it stands afterwards; `matched` may include it.
   */
  requestAndMatch(session: SessionRecord, now: number, since: number): Promise<RequestOutcome>;
  /**
   * `end`, then `match` when the end freed a specialist's seat, as one step; with the specialists
   * it changed, as they stand after it. With `by`, only when `by` takes part in the session (its
   * seeker, or the specialist now assigned), checked in the same step (CH5).
   */
  endAndMatch(sessionId: string, endedBy: EndedBy, reason: string, now: number, by?: Writer): Promise<EndOutcome>;
  /**
   * Put an active session back at the front of the queue, freeing its specialist. Only when it is
   * still active with `expectedStaffId` (so a stale caller cannot re-queue someone else's chat);
   * null otherwise. The specialist's part goes to `earlier` (at most EARLIER_PARTS_KEPT). A
   * transfer or switch sets `handover` (CH9: `note`, not shared until the seeker says so, from this
   * specialist); a specialist's disconnect removes it (the seeker's answer was for the one before).
   */
  requeue(sessionId: string, reason: RequeueReason, now: number, expectedStaffId: string, note?: string | null): Promise<SessionRecord | null>;
  /**
   * CH9: the seeker's answer to a handover, while the session is open and has one; null otherwise.
   * An ended session keeps the answer but loses the note (PRIV1: its text outlives no live chat).
   */
  setHandover(sessionId: string, shared: boolean): Promise<SessionRecord | null>;
  /** The first `limit` waiting sessions in queue order (for the safety sweep). */
  queued(limit: number): Promise<SessionRecord[]>;
  get(sessionId: string): Promise<SessionRecord | null>;
  /** Save the rating (and feedback) of a session, active or recently ended; null when unknown. */
  rate(sessionId: string, rating: number, feedback: string | null): Promise<SessionRecord | null>;
  /** The seeker's open (waiting or active) session, if any. */
  openSessionOf(seekerId: string): Promise<SessionRecord | null>;
  /** The specialist's active sessions. */
  sessionsOf(staffId: string): Promise<SessionRecord[]>;
  /**
   * Mark an open session's seeker away (no live connection) or back. An away session keeps its
   * place in the queue but no matching decision takes it (MQ10); the mark survives a re-queue and
   * goes with the session's end. Returns the session as it stands, or null when it is not open.
   */
  setAway(sessionId: string, away: boolean): Promise<SessionRecord | null>;
  /** 1-based place in the queue, or null when not waiting. */
  position(sessionId: string): Promise<number | null>;
  /** `position` of many sessions in one round trip (the once-a-second pushes of MQ7). */
  positions(sessionIds: readonly string[]): Promise<(number | null)[]>;
  stats(): Promise<QueueStats>;
  /** How many specialists are on shift now (`stats().onShift`, read alone for every ack and push of MQ7). */
  onShift(): Promise<number>;

  /** Start or change a shift: on shift, connected, with this capacity and topics (active chats kept). */
  startShift(spec: Omit<SpecialistRecord, 'active' | 'onShift' | 'connected' | 'lastAssignedAt'>, now: number): Promise<SpecialistRecord>;
  /** Stop routing to them (MQ8); their live chats continue. Null when they had no shift state. */
  endShift(staffId: string): Promise<SpecialistRecord | null>;
  /** Mark them connected or not; only connected specialists are routable. */
  setConnected(staffId: string, connected: boolean): Promise<SpecialistRecord | null>;
  specialist(staffId: string): Promise<SpecialistRecord | null>;
  /** Ids of specialists who are on shift or still hold live chats (for the safety sweep). */
  routedSpecialists(): Promise<string[]>;

  /** How many matches were made since `since` (epoch ms): the recent match rate behind ETAs (MQ7). */
  matchesSince(since: number): Promise<number>;
  /** A counter bumped on every queue change, so nodes know when to push positions (MQ7). */
  queueVersion(): Promise<number>;
}
