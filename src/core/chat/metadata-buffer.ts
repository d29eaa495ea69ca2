import { sessionSnapshot } from './session-snapshot.js';
import { isRefusal } from '../errors.js';
import type { SessionLog, SessionSnapshot, ShiftSnapshot } from '../ports/session-log.js';

/** Which table a snapshot goes to. */
export type MetadataKind = 'session' | 'shift';
/** Why snapshots were dropped: the buffer was full, or the database refused the row on its own. */
export type MetadataDropReason = 'overflow' | 'refused';

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
  /** A write failed for a reason other than the data (the database is away); it is retried. */
  onError?: (err: unknown) => void;
  /** Snapshots were dropped (for metrics: REL3 counts both reasons). */
  onDrop?: (count: number, reason: MetadataDropReason, kind: MetadataKind) => void;
  /** The database refused one snapshot on its own, which is then dropped. `err` holds no values of it. */
  onRefused?: (kind: MetadataKind, err: unknown) => void;
}

/**
 * A bounded retry buffer in front of the SessionLog (REL3): chats never wait for Postgres. Writes
 * are batched; snapshots of the same session or shift coalesce, so only the latest is written.
 * While the database is away a batch is kept whole and retried with backoff; a batch it refuses
 * (a StorageError of kind `refused`) is split until the refused rows stand alone, and those are
 * dropped, so one bad row never holds back the others.
 */
export class MetadataBuffer {
  private readonly sessions = new Map<string, SessionSnapshot>();
  private readonly shifts = new Map<string, ShiftSnapshot>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private delay: number;
  /** Snapshots dropped so far, for either reason. */
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
    this.put(this.sessions, snapshot.id, merged, 'session');
  }

  recordShift(snapshot: ShiftSnapshot): void {
    this.put(this.shifts, snapshot.id, snapshot, 'shift');
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

  private put<T>(map: Map<string, T>, id: string, value: T, kind: MetadataKind): void {
    map.delete(id);
    map.set(id, value);
    const over = this.pending - this.options.maxPending;
    if (over > 0) {
      for (const key of [...map.keys()].slice(0, over)) map.delete(key);
      this.dropped += over;
      this.options.onDrop?.(over, 'overflow', kind);
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
      await this.land(this.shifts, shifts, 'shift', (batch) => this.log.saveShifts(batch));
      await this.land(this.sessions, sessions, 'session', (batch) => this.log.saveSessions(batch));
      this.delay = this.options.retryMs;
      if (this.pending > 0) this.schedule(this.options.batchMs ?? 0);
    } catch (err) {
      this.options.onError?.(err);
      this.schedule(this.delay);
      this.delay = Math.min(this.delay * 2, 30_000);
    }
  }

  /**
   * Write `batch`; if the database refuses it, write each half on its own, down to single rows,
   * and drop the rows refused alone: a few statements find one bad row in thousands. Rejects when
   * the database is away, keeping what has not landed.
   */
  private async land<T extends { id: string }>(pending: Map<string, T>, batch: T[], kind: MetadataKind, save: (batch: T[]) => Promise<void>): Promise<void> {
    if (batch.length === 0) return;
    try {
      await save(batch);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.land(pending, batch.slice(0, half), kind, save);
        await this.land(pending, batch.slice(half), kind, save);
        return;
      }
      this.dropped += 1;
      this.options.onRefused?.(kind, err);
      this.options.onDrop?.(1, 'refused', kind);
    }
    // A snapshot recorded during the write is newer: it stays for the next one.
    for (const s of batch) if (pending.get(s.id) === s) pending.delete(s.id);
  }
}
