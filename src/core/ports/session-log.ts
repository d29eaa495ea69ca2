import type { SessionRecord } from '../chat/types.js';

/** What Postgres keeps of a session: metadata and message counts, never text (PRIV1). */
export interface SessionSnapshot extends SessionRecord {
  seekerMessages: number;
  specialistMessages: number;
  /** Orders snapshots of one session: an older one never overwrites a newer one. */
  rev: number;
}

export interface ShiftSnapshot {
  id: string;
  staffId: string;
  capacity: number;
  topics: string[];
  startedAt: number;
  endedAt: number | null;
}

/** Durable session and shift metadata. Saves are upserts of the latest snapshot, so retries are safe. */
export interface SessionLog {
  saveSessions(batch: SessionSnapshot[]): Promise<void>;
  saveShifts(batch: ShiftSnapshot[]): Promise<void>;
  /** PRIV4: delete session metadata of sessions requested before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}
