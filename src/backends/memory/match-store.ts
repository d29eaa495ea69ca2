import { isWriterOf } from '../../core/chat/access.js';
import { ENDED_SESSION_KEEP_MS, MATCH_SCAN, pickSpecialist, routable } from '../../core/chat/matching.js';
import { EARLIER_PARTS_KEPT, queueScore, type EndedBy, type QueueStats, type RequeueReason, type SessionRecord, type SpecialistRecord } from '../../core/chat/types.js';
import type { EndOutcome, MatchStore } from '../../core/ports/match-store.js';
import type { Writer } from '../../core/ports/live-history.js';

const MATCH_WINDOW_MS = 600_000;

/** Single-node MatchStore. Every method runs without awaiting, so each is atomic in this process. */
export class MemoryMatchStore implements MatchStore {
  // Protected for RestorableMatchStore (match-store-snapshot.ts), which saves and restores them.
  protected readonly sessions = new Map<string, SessionRecord>();
  protected readonly queue = new Set<string>();
  protected readonly openBySeeker = new Map<string, string>();
  protected readonly specialists = new Map<string, SpecialistRecord>();
  protected readonly matchTimes: number[] = [];
  protected version = 0;
  /** Queue order, rebuilt only when the queue changed. */
  private orderCache: { version: number; ids: string[]; rank: Map<string, number> } | undefined;

  async request(session: SessionRecord) {
    const open = this.openOf(session.seekerId);
    if (open) return { session: { ...open }, created: false };
    this.sessions.set(session.id, { ...session });
    this.openBySeeker.set(session.seekerId, session.id);
    this.enqueue(session.id);
    return { session: { ...session }, created: true };
  }

  async match(now: number): Promise<SessionRecord[]> {
    const free = [...this.specialists.values()].filter(routable);
    const matched: SessionRecord[] = [];
    for (const session of this.ordered().slice(0, MATCH_SCAN)) {
      if (!free.some(routable)) break;
      // MQ10: an away seeker keeps their place; the seat goes to someone who is there.
      if (session.away) continue;
      const spec = pickSpecialist(free, session);
      if (!spec) continue;
      Object.assign(session, { status: 'active', specialistId: spec.staffId, specialistName: spec.displayName, matchedAt: now, priority: 0 });
      this.queue.delete(session.id);
      spec.active += 1;
      spec.lastAssignedAt = now;
      this.matchTimes.push(now);
      matched.push({ ...session });
    }
    if (matched.length) this.version++;
    return matched;
  }

  async end(sessionId: string, endedBy: EndedBy, reason: string, now: number) {
    const session = this.sessions.get(sessionId);
    if (!session || session.status === 'ended') return null;
    this.release(session);
    Object.assign(session, { status: 'ended', endedAt: now, endedBy, endReason: reason });
    if (session.handover) session.handover = { ...session.handover, note: null };
    if (this.openBySeeker.get(session.seekerId) === sessionId) this.openBySeeker.delete(session.seekerId);
    setTimeout(() => this.sessions.delete(sessionId), ENDED_SESSION_KEEP_MS).unref();
    return { ...session };
  }

  /** Whether the session is active with `writer` in it, answered at once (for MemoryLiveHistory). */
  isLive(sessionId: string, writer: Writer): boolean {
    const s = this.sessions.get(sessionId);
    if (!s || s.status !== 'active') return false;
    return isWriterOf(writer, s);
  }

  async requestAndMatch(session: SessionRecord, now: number, since: number) {
    const { session: queued, created } = await this.request(session);
    const matched = queued.status === 'waiting' ? await this.match(now) : [];
    const specialists = this.changed(matched.map((s) => s.specialistId));
    return { session: { ...this.sessions.get(queued.id)! }, created, matched, position: await this.position(queued.id), recentMatches: await this.matchesSince(since), specialists };
  }

  async endAndMatch(sessionId: string, endedBy: EndedBy, reason: string, now: number, by?: Writer): Promise<EndOutcome> {
    const session = this.sessions.get(sessionId);
    if (!session || (by && !isWriterOf(by, session))) return { ended: null, matched: [], specialists: [], refused: 'not_found' };
    if (session.status === 'ended') return { ended: null, matched: [], specialists: [], refused: 'ended' };
    // An active session with a specialist frees a seat: offered at once (MQ5).
    const freedBy = session.status === 'active' ? session.specialistId : null;
    const before = freedBy ? this.shiftOf(freedBy) : undefined;
    const ended = (await this.end(sessionId, endedBy, reason, now))!;
    const matched = freedBy ? await this.match(now) : [];
    // A seat freed and taken again by the same specialist leaves their shift:update as it was.
    const specialists = this.changed([freedBy, ...matched.map((s) => s.specialistId)]).filter((spec) => spec.staffId !== freedBy || this.shiftOf(freedBy) !== before);
    return { ended, matched, specialists, refused: null };
  }

  async requeue(sessionId: string, reason: RequeueReason, now: number, expectedStaffId: string, note: string | null = null) {
    const session = this.sessions.get(sessionId);
    if (!session || session.status !== 'active' || session.specialistId !== expectedStaffId) return null;
    const previous = session.specialistId;
    const name = session.specialistName ?? '';
    this.release(session);
    session.earlier = [...(session.earlier ?? []), { name, from: session.matchedAt ?? now }].slice(-EARLIER_PARTS_KEPT);
    if (reason === 'specialist_disconnected') delete session.handover;
    else session.handover = { kind: reason, note, shared: false, from: name };
    Object.assign(session, {
      status: 'waiting',
      priority: 1,
      queuedAt: now,
      specialistId: null,
      specialistName: null,
      matchedAt: null,
      excludeStaffId: reason === 'specialist_disconnected' ? session.excludeStaffId : previous,
      switches: session.switches + (reason === 'switch' ? 1 : 0),
      transfers: session.transfers + (reason === 'transfer' ? 1 : 0),
    });
    this.enqueue(sessionId);
    return { ...session };
  }

  async setHandover(sessionId: string, shared: boolean) {
    const session = this.sessions.get(sessionId);
    if (!session || session.status === 'ended' || !session.handover) return null;
    session.handover = { ...session.handover, shared };
    return { ...session };
  }

  async queued(limit: number) {
    return this.ordered().slice(0, limit).map((s) => ({ ...s }));
  }

  async get(sessionId: string) {
    const session = this.sessions.get(sessionId);
    return session ? { ...session } : null;
  }

  async rate(sessionId: string, rating: number, feedback: string | null) {
    const session = this.sessions.get(sessionId);
    if (!session) return null;
    session.rating = rating;
    session.feedback = feedback;
    return { ...session };
  }

  async openSessionOf(seekerId: string) {
    const open = this.openOf(seekerId);
    return open ? { ...open } : null;
  }

  async sessionsOf(staffId: string) {
    return [...this.sessions.values()].filter((s) => s.status === 'active' && s.specialistId === staffId).map((s) => ({ ...s }));
  }

  async setAway(sessionId: string, away: boolean) {
    const session = this.sessions.get(sessionId);
    if (!session || session.status === 'ended') return null;
    if (away) session.away = true;
    else delete session.away;
    return { ...session };
  }

  async position(sessionId: string) {
    if (!this.queue.has(sessionId)) return null;
    this.ordered();
    return this.orderCache!.rank.get(sessionId)! + 1;
  }

  async positions(sessionIds: readonly string[]) {
    return Promise.all(sessionIds.map((id) => this.position(id)));
  }

  async stats(): Promise<QueueStats> {
    const byTopic: Record<string, number> = {};
    for (const id of this.queue) {
      const topic = this.sessions.get(id)?.topic ?? 'none';
      byTopic[topic] = (byTopic[topic] ?? 0) + 1;
    }
    return { waiting: this.queue.size, onShift: await this.onShift(), byTopic };
  }

  async onShift() {
    let count = 0;
    for (const spec of this.specialists.values()) if (spec.onShift) count++;
    return count;
  }

  async startShift(spec: Omit<SpecialistRecord, 'active' | 'onShift' | 'connected' | 'lastAssignedAt'>, now: number) {
    const existing = this.specialists.get(spec.staffId);
    const record: SpecialistRecord = {
      ...spec,
      active: existing?.active ?? 0,
      onShift: true,
      connected: true,
      lastAssignedAt: existing?.onShift ? existing.lastAssignedAt : now,
      shiftId: existing?.onShift ? existing.shiftId : spec.shiftId,
      shiftStartedAt: existing?.onShift ? existing.shiftStartedAt : spec.shiftStartedAt,
    };
    this.specialists.set(spec.staffId, record);
    this.version++;
    return { ...record };
  }

  async endShift(staffId: string) {
    const spec = this.specialists.get(staffId);
    if (!spec) return null;
    spec.onShift = false;
    this.version++;
    return { ...spec };
  }

  async setConnected(staffId: string, connected: boolean) {
    const spec = this.specialists.get(staffId);
    if (!spec) return null;
    spec.connected = connected;
    return { ...spec };
  }

  async specialist(staffId: string) {
    const spec = this.specialists.get(staffId);
    return spec ? { ...spec } : null;
  }

  async routedSpecialists() {
    return [...this.specialists.values()].filter((s) => s.onShift || s.active > 0).map((s) => s.staffId);
  }

  async matchesSince(since: number) {
    const cutoff = Date.now() - MATCH_WINDOW_MS;
    let drop = 0;
    while (drop < this.matchTimes.length && this.matchTimes[drop]! < cutoff) drop++;
    if (drop) this.matchTimes.splice(0, drop);
    // Times are appended in order: binary-search the first one at or after `since`.
    let lo = 0;
    let hi = this.matchTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.matchTimes[mid]! < since) lo = mid + 1;
      else hi = mid;
    }
    return this.matchTimes.length - lo;
  }

  async queueVersion() {
    return this.version;
  }

  private openOf(seekerId: string): SessionRecord | undefined {
    const id = this.openBySeeker.get(seekerId);
    const session = id ? this.sessions.get(id) : undefined;
    return session && session.status !== 'ended' ? session : undefined;
  }

  private enqueue(sessionId: string): void {
    this.queue.add(sessionId);
    this.version++;
  }

  /** What a specialist's shift:update says, as one comparable string. */
  private shiftOf(staffId: string): string | undefined {
    const spec = this.specialists.get(staffId);
    return spec && `${spec.onShift}:${spec.capacity}:${spec.active}`;
  }

  /** Copies of the specialists with these ids, each once, in first-seen order. */
  private changed(ids: (string | null | undefined)[]): SpecialistRecord[] {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    return unique.flatMap((id) => {
      const spec = this.specialists.get(id);
      return spec ? [{ ...spec }] : [];
    });
  }

  /** Free the session's queue place or its specialist's capacity. */
  private release(session: SessionRecord): void {
    if (this.queue.delete(session.id)) this.version++;
    if (session.status === 'active' && session.specialistId) {
      const spec = this.specialists.get(session.specialistId);
      if (spec) spec.active = Math.max(0, spec.active - 1);
    }
  }

  private ordered(): SessionRecord[] {
    if (this.orderCache?.version !== this.version) {
      const ids = [...this.queue]
        .map((id) => this.sessions.get(id)!)
        .sort((a, b) => queueScore(a) - queueScore(b) || (a.id < b.id ? -1 : 1))
        .map((s) => s.id);
      this.orderCache = { version: this.version, ids, rank: new Map(ids.map((id, i) => [id, i])) };
    }
    return this.orderCache.ids.map((id) => this.sessions.get(id)!);
  }
}
