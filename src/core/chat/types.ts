export type SessionStatus = 'waiting' | 'active' | 'ended';
export type EndedBy = 'seeker' | 'specialist' | 'moderator' | 'system';
export type RequeueReason = 'switch' | 'transfer' | 'specialist_disconnected';

/**
 * A chat session as the state backend keeps it while it is live (and briefly after it ends).
 * Times are epoch milliseconds. Never holds message text.
 */
export interface SessionRecord {
  id: string;
  seekerId: string;
  seekerAlias: string;
  topic: string | null;
  language: string | null;
  status: SessionStatus;
  requestedAt: number;
  /** When it (re-)entered the queue. */
  queuedAt: number;
  /** 1 when re-queued (switch, transfer, orphaned): served before everyone else (MQ2). */
  priority: 0 | 1;
  /** The specialist this request must not be matched with again (after a switch or transfer). */
  excludeStaffId: string | null;
  specialistId: string | null;
  specialistName: string | null;
  matchedAt: number | null;
  endedAt: number | null;
  endedBy: EndedBy | null;
  endReason: string | null;
  transfers: number;
  switches: number;
  rating: number | null;
  /** The seeker's words about the chat, contact details redacted. */
  feedback?: string | null;
  /**
   * True while the seeker has no live connection (CH8): the session keeps its place in the queue
   * but is not matched (MQ10). Absent otherwise.
   */
  away?: boolean;
  /** MOD5: the seeker's identity was issued to an address under a ban; specialists are told. Absent otherwise. */
  caution?: boolean;
  /** CH9: set by the last transfer or switch (until the next re-queue); absent otherwise. */
  handover?: Handover;
  /** The specialists this chat had before the current one, oldest first (labels their messages). */
  earlier?: EarlierPart[];
}

/**
 * CH9: a chat handed on by a transfer or a switch. Field names must never be those the live
 * history searches the session JSON for (`status`, `seekerId`, `specialistId`).
 */
export interface Handover {
  kind: 'transfer' | 'switch';
  /** The previous specialist's note (the transfer reason, moderated like a message); null on a switch. */
  note: string | null;
  /** The seeker's answer: may the next specialist read the conversation so far (default no). */
  shared: boolean;
  /** The previous specialist's display name. */
  from: string;
}

/** A specialist's part of a chat that moved on: their name and when they joined (epoch ms). */
export interface EarlierPart {
  name: string;
  from: number;
}

/** How many earlier parts a session keeps (older ones are dropped: their messages lose their label). */
export const EARLIER_PARTS_KEPT = 20;

/** A specialist's routing state (MQ1, MQ3, MQ4, MQ8). */
export interface SpecialistRecord {
  staffId: string;
  displayName: string;
  capacity: number;
  /** Topic ids they take; empty = any topic. */
  topics: string[];
  active: number;
  onShift: boolean;
  connected: boolean;
  /** Last time they were given a chat (or started the shift): the smallest is the longest idle. */
  lastAssignedAt: number;
  shiftId: string | null;
  shiftStartedAt: number | null;
}

export interface QueueStats {
  waiting: number;
  onShift: number;
  byTopic: Record<string, number>;
}

/** A session as it enters the queue for the first time. */
export const waitingSession = (fields: Pick<SessionRecord, 'id' | 'seekerId' | 'seekerAlias' | 'topic' | 'language'>, now: number): SessionRecord => ({
  id: fields.id,
  seekerId: fields.seekerId,
  seekerAlias: fields.seekerAlias,
  topic: fields.topic,
  language: fields.language,
  status: 'waiting',
  requestedAt: now,
  queuedAt: now,
  priority: 0,
  excludeStaffId: null,
  specialistId: null,
  specialistName: null,
  matchedAt: null,
  endedAt: null,
  endedBy: null,
  endReason: null,
  transfers: 0,
  switches: 0,
  rating: null,
});

/** The queue score: re-queued sessions before all others, then by when they first asked (MQ2). */
export const queueScore = (s: Pick<SessionRecord, 'priority' | 'requestedAt' | 'queuedAt'>): number =>
  s.priority === 1 ? s.requestedAt - 1e13 : s.queuedAt;
