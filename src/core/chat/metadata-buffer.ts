import { sessionSnapshot } from './session-snapshot.js';
import type { SessionLog, SessionSnapshot, ShiftSnapshot } from '../ports/session-log.js';

export interface MetadataBufferOptions {
  /** Snapshots held while the database is away; past this the oldest are dropped (and counted). */
  maxPending: number;
  /** First retry delay; doubles up to 30 s while writes keep failing. */
  retryMs: number;
  /**
   * How long a new snapshot waits for others to join its write: a chat's queued, matched and ended
   * snapshots then often coalesce into one row, and a burst becomes a few large writes. @default 0
   */
  batchMs?: number;
  onError?: (err: unknown) => void;
  onDrop?: (count: number) => void;
}

/**
 * A bounded retry buffer in front of the SessionLog (REL3): chats never wait for Postgres. Writes
 * are batched; snapshots of the same session or shift coalesce, so only the latest is written.
 */
export class MetadataBuffer {
  private readonly sessions = new Map<string, SessionSnapshot>();
  private readonly shifts = new Map<string, ShiftSnapshot>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private delay: number;
  dropped = 0;

  constructor(
    private readonly log: SessionLog,
    private readonly options: MetadataBufferOptions,
  ) {
    this.delay = options.retryMs;
  }

  get pending(): number {
    return this.sessions.size + this.shifts.size;
  }

  recordSession(snapshot: SessionSnapshot): void {
    // Message counts are known only at the end: a later snapshot (a rating) must not lose them.
    const pending = this.sessions.get(snapshot.id);
    const merged = pending
      ? sessionSnapshot(snapshot, Math.max(pending.seekerMessages, snapshot.seekerMessages), Math.max(pending.specialistMessages, snapshot.specialistMessages), snapshot.rev)
      : snapshot;
    this.put(this.sessions, snapshot.id, merged);
  }

  recordShift(snapshot: ShiftSnapshot): void {
    this.put(this.shifts, snapshot.id, snapshot);
  }

  /** Write everything pending now; resolves when written or when the attempt failed (kept for retry). */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Stop retrying after one last attempt. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    clearTimeout(this.timer);
  }

  private put<T>(map: Map<string, T>, id: string, value: T): void {
    map.delete(id);
    map.set(id, value);
    const over = this.pending - this.options.maxPending;
    if (over > 0) {
      for (const key of [...map.keys()].slice(0, over)) map.delete(key);
      this.dropped += over;
      this.options.onDrop?.(over);
    }
    this.schedule(this.options.batchMs ?? 0);
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms).unref();
  }

  private async write(): Promise<void> {
    const sessions = [...this.sessions.values()];
    const shifts = [...this.shifts.values()];
    if (sessions.length === 0 && shifts.length === 0) return;
    try {
      // Shifts first: sessions may reference the specialist, never the shift.
      if (shifts.length) await this.log.saveShifts(shifts);
      for (const s of shifts) if (this.shifts.get(s.id) === s) this.shifts.delete(s.id);
      if (sessions.length) await this.log.saveSessions(sessions);
      for (const s of sessions) if (this.sessions.get(s.id) === s) this.sessions.delete(s.id);
      this.delay = this.options.retryMs;
      if (this.pending > 0) this.schedule(this.options.batchMs ?? 0);
    } catch (err) {
      this.options.onError?.(err);
      this.schedule(this.delay);
      this.delay = Math.min(this.delay * 2, 30_000);
    }
  }
}
