import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDb } from '../src/backends/postgres/pg-db.js';
import { SqlSessionLog } from '../src/backends/postgres/session-log.js';
import { MetadataBuffer, type MetadataDropReason, type MetadataKind } from '../src/core/chat/metadata-buffer.js';
import { StorageError } from '../src/core/errors.js';
import type { SessionLog, SessionSnapshot, ShiftSnapshot } from '../src/core/ports/session-log.js';
import { newSession } from '../src/testing/contracts/match-store.contract.js';
import { serviceUrl } from '../src/testing/real-services.js';
import { backendKinds, startTestApp, type TestApp } from '../src/testing/test-app.js';

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

  it('[REL3] a batch with one row the database refuses: that row is retried alone and dropped, the others land', async () => {
    const log = new RefusingLog();
    const drops: [number, MetadataDropReason, MetadataKind][] = [];
    const refused: unknown[] = [];
    const errors: unknown[] = [];
    const buffer = new MetadataBuffer(log, { maxPending: 100, retryMs: 60_000, onDrop: (...d) => drops.push(d), onRefused: (_kind, err) => refused.push(err), onError: (e) => errors.push(e) });
    const good = Array.from({ length: 9 }, () => snapshot());
    const bad = snapshot({ topic: 'refuse me' });
    for (const s of [...good.slice(0, 4), bad, ...good.slice(4)]) buffer.recordSession(s);
    await buffer.flush();
    expect([...log.sessions.keys()].sort()).toEqual(good.map((s) => s.id).sort());
    expect(log.batches[0]).toHaveLength(10);
    expect(log.batches.filter((b) => b.includes(bad.id)).at(-1)).toEqual([bad.id]);
    // Halving finds it in a few writes, not one per row.
    expect(log.batches.length).toBeLessThan(10);
    expect(drops).toEqual([[1, 'refused', 'session']]);
    expect(refused).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(buffer.pending).toBe(0);
    expect(buffer.dropped).toBe(1);
    await buffer.close();
  });

  it('[REL3] a newer snapshot of a refused row, recorded during the write, is kept for the next one', async () => {
    const log = new RefusingLog();
    const buffer = new MetadataBuffer(log, { maxPending: 100, retryMs: 60_000 });
    const bad = snapshot({ topic: 'refuse me' });
    buffer.recordSession(bad);
    log.onSave = () => buffer.recordSession({ ...bad, topic: 'anxiety', rev: 1 });
    await buffer.flush();
    log.onSave = undefined;
    expect(buffer.pending).toBe(1);
    await buffer.flush();
    expect(log.sessions.get(bad.id)).toMatchObject({ topic: 'anxiety', rev: 1 });
    await buffer.close();
  });

  it('[REL3] an outage while a refused batch is being split keeps every row not yet written', async () => {
    const log = new RefusingLog();
    const errors: unknown[] = [];
    const buffer = new MetadataBuffer(log, { maxPending: 100, retryMs: 60_000, onError: (e) => errors.push(e) });
    const rows = [snapshot(), snapshot({ topic: 'refuse me' }), snapshot(), snapshot()];
    for (const s of rows) buffer.recordSession(s);
    log.downAfter = 2;
    await buffer.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toBeInstanceOf(StorageError);
    expect(buffer.pending + log.sessions.size).toBe(rows.length);
    expect(buffer.dropped).toBe(0);
    log.downAfter = undefined;
    await buffer.flush();
    expect(log.sessions.size).toBe(3);
    expect(buffer.dropped).toBe(1);
    await buffer.close();
  });
});

/** A SessionLog that refuses, like Postgres, any batch holding a session with the topic 'refuse me'. */
class RefusingLog implements SessionLog {
  readonly sessions = new Map<string, SessionSnapshot>();
  readonly batches: string[][] = [];
  onSave: (() => void) | undefined;
  /** Writes left before the database goes away. */
  downAfter: number | undefined;
  async saveSessions(batch: SessionSnapshot[]) {
    this.batches.push(batch.map((s) => s.id));
    this.onSave?.();
    if (this.downAfter !== undefined && this.downAfter-- <= 0) throw new Error('connect ECONNREFUSED');
    if (batch.some((s) => s.topic === 'refuse me')) throw new StorageError('refused', 'new row violates check constraint "topic_check"', { code: '23514' });
    for (const s of batch) this.sessions.set(s.id, s);
  }
  async purge() {
    return 0;
  }
  async saveShifts(_batch: ShiftSnapshot[]) {}
}

const databaseUrl = serviceUrl('DATABASE_URL');

describe.skipIf(!databaseUrl)('metadata buffer on a Postgres out of reach', () => {
  it('[REL3] a refused connection is an outage, not a refusal: the whole batch is kept and nothing is dropped', async () => {
    const url = new URL(databaseUrl!);
    url.port = '1';
    const db = await PgDb.connect({ url: url.toString() });
    const errors: unknown[] = [];
    const buffer = new MetadataBuffer(new SqlSessionLog(db), { maxPending: 100, retryMs: 60_000, onError: (e) => errors.push(e) });
    for (let i = 0; i < 3; i++) buffer.recordSession(snapshot());
    await buffer.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toBeInstanceOf(StorageError);
    expect(buffer.pending).toBe(3);
    expect(buffer.dropped).toBe(0);
    await buffer.close();
    await db.close();
  });
});

describe.each(backendKinds())('a refused metadata row in a running node (%s backends)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('[REL3] the other rows land, the refused one is dropped, and /metrics counts it', async () => {
    const metadata = t.app.chat.context.metadata;
    const good = [snapshot({ status: 'ended' }), snapshot({ status: 'ended' })];
    const refused = snapshot({ status: 'ended', rating: 42 });
    for (const s of [good[0]!, refused, good[1]!]) metadata.recordSession(s);
    const ids = [...good, refused].map((s) => s.id);
    await expect
      .poll(async () => (await t.app.backends.db.query<{ id: string }>('SELECT id FROM chat_sessions WHERE id = ANY($1::uuid[]) ORDER BY id', [ids])).rows.map((r) => r.id))
      .toEqual(good.map((s) => s.id).sort());
    await expect.poll(() => metadata.pending).toBe(0);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toContain('peerline_metadata_dropped_total{reason="refused",kind="session"} 1');
    const warned = t.logs.map((l) => JSON.parse(l) as { msg?: string; err?: { code?: string } }).filter((l) => l.msg?.includes('refused by the database'));
    expect(warned.map((l) => l.err?.code)).toEqual(['23514']);
    // A later chat of this node is not held back.
    const later = snapshot({ status: 'ended' });
    metadata.recordSession(later);
    await expect.poll(async () => (await t.app.backends.db.query('SELECT 1 FROM chat_sessions WHERE id = $1', [later.id])).rows.length).toBe(1);
  });
});
