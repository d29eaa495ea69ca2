import { describe, expect, it } from 'vitest';
import { MetadataBuffer } from '../src/core/chat/metadata-buffer.js';
import type { SessionLog, SessionSnapshot, ShiftSnapshot } from '../src/core/ports/session-log.js';
import { newSession } from '../src/testing/contracts/match-store.contract.js';

/** A SessionLog whose database can be switched off, keeping what it stored. */
class SwitchableLog implements SessionLog {
  up = false;
  readonly sessions = new Map<string, SessionSnapshot>();
  async saveSessions(batch: SessionSnapshot[]) {
    if (!this.up) throw new Error('connect ECONNREFUSED');
    for (const s of batch) this.sessions.set(s.id, s);
  }
  async purge() {
    return 0;
  }
  async saveShifts(_batch: ShiftSnapshot[]) {
    if (!this.up) throw new Error('connect ECONNREFUSED');
  }
}

const snapshot = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({ ...newSession(), seekerMessages: 0, specialistMessages: 0, rev: 0, ...over });

describe('metadata retry buffer', () => {
  it('[REL3] keeps writes while the database is down and lands them, latest snapshot only, when it returns', async () => {
    const log = new SwitchableLog();
    const errors: unknown[] = [];
    const buffer = new MetadataBuffer(log, { maxPending: 100, retryMs: 5, onError: (e) => errors.push(e) });
    const first = snapshot();
    buffer.recordSession(first);
    buffer.recordSession({ ...first, status: 'ended', seekerMessages: 3 });
    buffer.recordSession({ ...first, status: 'ended', rating: 5 });
    const other = snapshot();
    buffer.recordSession(other);
    await buffer.flush();
    expect(errors.length).toBeGreaterThan(0);
    expect(buffer.pending).toBe(2);
    log.up = true;
    await expect.poll(() => log.sessions.size).toBe(2);
    expect(log.sessions.get(first.id)).toMatchObject({ status: 'ended', rating: 5, seekerMessages: 3 });
    expect(buffer.pending).toBe(0);
    await buffer.close();
  });

  it('[REL3] is bounded: when full, the oldest snapshots are dropped and counted', async () => {
    const log = new SwitchableLog();
    const dropped: number[] = [];
    const buffer = new MetadataBuffer(log, { maxPending: 3, retryMs: 60_000, onDrop: (n) => dropped.push(n) });
    const sessions = Array.from({ length: 5 }, () => snapshot());
    for (const s of sessions) buffer.recordSession(s);
    expect(buffer.pending).toBe(3);
    expect(buffer.dropped).toBe(2);
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(2);
    log.up = true;
    await buffer.close();
    expect([...log.sessions.keys()]).toEqual(sessions.slice(2).map((s) => s.id));
  });
});
