import { AppError, forbidden } from '../errors.js';
import { redactContacts } from '../moderation/hooks/contact-redaction.js';
import { newId } from '../secrets.js';
import { senderOf, sessionFor, writerOf } from './access.js';
import type { MessageCounts, Writer } from '../ports/live-history.js';
import type { Actor } from './actor.js';
import type { ChatContext } from './context.js';
import { handoverInfo } from './handover.js';
import { ETA_WINDOW_MS, eta, type QueueOutlook } from './matching.js';
import { sessionSnapshot } from './session-snapshot.js';
import { waitingSession, type EndedBy, type RequeueReason, type SessionRecord, type SpecialistRecord } from './types.js';

/** A seeker's place, the wait it suggests (null: no honest estimate) and who is on shift (MQ7). */
export interface QueueStatus {
  position: number;
  etaSeconds: number | null;
  onShift: number;
}

/** A status for a place (null: not waiting, so matched: place 0, no wait). */
const statusAt = (position: number | null, outlook: QueueOutlook): QueueStatus =>
  position === null ? { position: 0, etaSeconds: 0, onShift: outlook.onShift } : { position, etaSeconds: eta(position, outlook), onShift: outlook.onShift };

/** Public view of a session for its participants (no seeker id, no excluded specialist). */
export const publicSession = (s: SessionRecord) => ({
  id: s.id,
  status: s.status,
  topic: s.topic,
  seekerAlias: s.seekerAlias,
  specialist: s.specialistName ? { displayName: s.specialistName } : null,
  requestedAt: new Date(s.requestedAt).toISOString(),
  matchedAt: s.matchedAt ? new Date(s.matchedAt).toISOString() : null,
  endedAt: s.endedAt ? new Date(s.endedAt).toISOString() : null,
  endedBy: s.endedBy,
});

/**
 * The life of a chat: waiting → active → ended, with switch and transfer back to the front of the
 * queue. Matching runs the moment a seeker arrives or capacity frees (MQ5).
 */
export class ChatService {
  constructor(private readonly ctx: ChatContext) {}

  /** chat:request: queue the seeker, or return their open session (never a duplicate). */
  async request(actor: Actor, input: { topic?: string; language?: string }): Promise<QueueStatus & { sessionId: string }> {
    if (actor.kind !== 'seeker') throw forbidden('Only seekers can ask for a chat');
    const { topic, language } = this.chosen(input);
    const now = this.ctx.now();
    const started = performance.now();
    // One step in the store: queued, matched if someone is free (MQ5), and the place for the ETA.
    const session = waitingSession({ id: newId(), seekerId: actor.seekerId, seekerAlias: actor.alias, topic, language }, now);
    if (actor.caution) session.caution = true;
    const [outcome, onShift] = await Promise.all([
      this.ctx.store.requestAndMatch(
        session,
        now,
        now - ETA_WINDOW_MS,
      ),
      this.ctx.store.onShift(),
    ]);
    if (outcome.created) this.ctx.observe?.decided?.(performance.now() - started);
    if (outcome.created) this.record(outcome.session);
    this.announce(outcome.matched, outcome.specialists);
    return { sessionId: outcome.session.id, ...statusAt(outcome.position, { recentMatches: outcome.recentMatches, onShift }) };
  }

  /**
   * SEC1: a topic is an id of GET /topics and a language one of LANGUAGES. Free text never reaches
   * the queue, queue:stats.byTopic, chat:assigned or chat_sessions (it could carry an address).
   */
  private chosen(input: { topic?: string; language?: string }): { topic: string | null; language: string | null } {
    const { topics, languages } = this.ctx.choices;
    if (input.topic !== undefined && !topics.has(input.topic)) {
      throw new AppError('VALIDATION', 'topic must be one of the ids listed by GET /api/v1/topics', { details: { field: 'topic' } });
    }
    const language = input.language?.toLowerCase();
    if (language !== undefined && !languages.has(language)) {
      throw new AppError('VALIDATION', `language must be one of: ${[...languages].join(', ')}`, { details: { field: 'language' } });
    }
    return { topic: input.topic ?? null, language: language ?? null };
  }

  /** chat:cancel: a waiting seeker leaves the queue. */
  async cancel(actor: Actor, sessionId: string): Promise<void> {
    const session = await sessionFor(this.ctx.store, actor, sessionId);
    if (actor.kind !== 'seeker') throw forbidden();
    if (session.status !== 'waiting') throw new AppError('CONFLICT', session.status === 'ended' ? 'This chat has ended' : 'This chat has already started');
    await this.finish(sessionId, 'seeker', 'cancelled');
  }

  /**
   * chat:end (CH6): either side ends at once, for both. Whether the actor takes part (CH5) is
   * checked in the same step as the end, not read first.
   */
  async end(actor: Actor, sessionId: string): Promise<void> {
    await this.finish(sessionId, senderOf(actor), actor.kind === 'seeker' ? 'ended_by_seeker' : 'ended_by_specialist', writerOf(actor));
  }

  /** chat:switch: the seeker leaves this pairing, without penalty, to the front of the queue. */
  async switch(actor: Actor, sessionId: string): Promise<QueueStatus> {
    if (actor.kind !== 'seeker') throw forbidden('Only the seeker can ask for someone else');
    const session = await sessionFor(this.ctx.store, actor, sessionId);
    if (session.status !== 'active') throw new AppError('CONFLICT', 'This chat is not active');
    await this.requeue(session, 'switch', 'seeker');
    const [position, outlook] = await Promise.all([this.ctx.store.position(sessionId), this.outlook()]);
    return statusAt(position, outlook);
  }

  /**
   * chat:transfer: the specialist hands the seeker back to the front of the queue. Their reason is
   * the handover's note for the next specialist (CH9); without one, the note is null.
   */
  async transfer(actor: Actor, sessionId: string, reason?: string): Promise<void> {
    if (actor.kind !== 'staff') throw forbidden();
    const session = await sessionFor(this.ctx.store, actor, sessionId);
    if (session.status !== 'active') throw new AppError('CONFLICT', 'This chat is not active');
    const note = reason?.trim() ? await this.moderated(session, reason.trim()) : null;
    await this.requeue(session, 'transfer', 'specialist', note ?? 'transfer', note);
  }

  /** A transfer's reason reaches the seeker and the next specialist: it passes the pipeline like a message (MOD1, MOD2). */
  private async moderated(session: SessionRecord, text: string): Promise<string> {
    const verdict = await this.ctx.pipeline.run({ session, sender: 'specialist', text, recent: [] });
    if (verdict.action === 'block') throw new AppError('VALIDATION', verdict.reason);
    return verdict.text;
  }

  /**
   * chat:handover (CH9): the seeker's answer, after a transfer or switch, to whether the next
   * specialist may read the conversation so far. A specialist already in the chat hears it at once.
   */
  async handover(actor: Actor, sessionId: string, share: boolean): Promise<void> {
    if (actor.kind !== 'seeker') throw forbidden('Only the seeker decides what the next specialist may read');
    const session = await sessionFor(this.ctx.store, actor, sessionId);
    if (session.status === 'ended') throw new AppError('CONFLICT', 'This chat has ended');
    if (!session.handover) throw new AppError('CONFLICT', 'This chat has not been passed on to someone else');
    const updated = await this.ctx.store.setHandover(sessionId, share);
    const info = updated && handoverInfo(updated);
    if (!updated || !info) throw new AppError('CONFLICT', 'This chat has changed. Please try again.');
    if (updated.status === 'active' && updated.specialistId) this.ctx.events.toStaff(updated.specialistId, 'chat:handover', { sessionId, ...info });
  }

  /** chat:rate: the seeker rates a chat (active or ended); feedback is stored with contact details redacted. */
  async rate(actor: Actor, sessionId: string, rating: number, feedback?: string): Promise<void> {
    if (actor.kind !== 'seeker') throw forbidden('Only the seeker rates a chat');
    await sessionFor(this.ctx.store, actor, sessionId);
    const words = feedback?.trim() ? redactContacts(feedback.trim()) : null;
    const rated = await this.ctx.store.rate(sessionId, rating, words);
    if (rated) this.record(rated);
  }

  /** What the ETAs of this moment are made from: recent matches and who is on shift (MQ7). */
  async outlook(): Promise<QueueOutlook> {
    const [recentMatches, onShift] = await Promise.all([this.ctx.store.matchesSince(this.ctx.now() - ETA_WINDOW_MS), this.ctx.store.onShift()]);
    return { recentMatches, onShift };
  }

  /** Place, ETA and on-shift count of many sessions at once, for one `outlook` (MQ7 pushes); null: not waiting. */
  async queueStatuses(sessionIds: readonly string[], outlook: QueueOutlook): Promise<(QueueStatus | null)[]> {
    const positions = await this.ctx.store.positions(sessionIds);
    return positions.map((position) => (position === null ? null : statusAt(position, outlook)));
  }

  /** Match everyone who can be matched now and tell both sides. */
  async matchNow(): Promise<number> {
    const started = performance.now();
    const matched = await this.ctx.store.match(this.ctx.now());
    this.ctx.observe?.decided?.(performance.now() - started);
    this.announce(matched);
    return matched.length;
  }

  /**
   * Tell both sides of each new match, and record it. Each specialist gets one shift:update however
   * many of the matches are theirs: from `specialists`, the step's own account of whom it changed
   * (no read, and it leaves with the matches), or else read after all of them.
   */
  private announce(matched: SessionRecord[], specialists?: readonly SpecialistRecord[]): void {
    for (const session of matched) {
      const { events } = this.ctx;
      events.joinSession(session.id, { seekerId: session.seekerId, staffId: session.specialistId! });
      events.toSeeker(session.seekerId, 'chat:matched', { sessionId: session.id, specialist: { displayName: session.specialistName! } });
      // Since it (re-)entered the queue: a chat handed on to a free specialist waited no time.
      const waitedMs = session.matchedAt! - session.queuedAt;
      const assigned = {
        sessionId: session.id,
        topic: session.topic,
        seekerAlias: session.seekerAlias,
        waitedSeconds: Math.round(waitedMs / 1000),
        caution: session.caution === true,
      };
      const handover = handoverInfo(session);
      events.toStaff(session.specialistId!, 'chat:assigned', handover ? { ...assigned, handover } : assigned);
      this.ctx.observe?.matched?.(waitedMs);
      void this.ctx.deadlines.clear(`queue-grace:${session.id}`);
      this.record(session);
    }
    if (specialists) specialists.forEach((spec) => this.tellShift(spec));
    else new Set(matched.map((s) => s.specialistId!)).forEach((staffId) => void this.shiftUpdate(staffId));
  }

  /**
   * End a session for whatever reason and tell both sides (used by grace timers and moderators too).
   * With `by`, only a session `by` takes part in: NOT_FOUND for any other (CH5), CONFLICT when it
   * has ended already; without, null when there was nothing to end.
   */
  async finish(sessionId: string, endedBy: EndedBy, reason: string, by?: Writer): Promise<SessionRecord | null> {
    // The seat it frees is offered at once, in the same step (MQ5).
    const started = performance.now();
    const { ended, matched, specialists, refused } = await this.ctx.store.endAndMatch(sessionId, endedBy, reason, this.ctx.now(), by);
    if (!ended) {
      if (by && refused === 'not_found') throw new AppError('NOT_FOUND', 'Chat not found');
      if (by && refused === 'ended') throw new AppError('CONFLICT', 'This chat has already ended');
      return null;
    }
    if (ended.specialistId) this.ctx.observe?.decided?.(performance.now() - started);
    const { events } = this.ctx;
    const members = ended.specialistId ? { seekerId: ended.seekerId, staffId: ended.specialistId } : { seekerId: ended.seekerId };
    // Out of the chat's room as they are told: one chat:ended reaches both sides, and the leave
    // travels with it (one adapter entry where there were two; SPEC P4).
    events.leaveSession(sessionId, members);
    events.toMembers(members, 'chat:ended', { sessionId, endedBy, reason });
    // The freed seat is often taken again at once by the same specialist, whose shift:update would
    // then say what it said before: the step leaves them out of `specialists` (one adapter entry
    // fewer per chat in a busy hour; SPEC P4).
    this.announce(matched, specialists);
    // The history's expiry and the message counts for the metadata come in one step. The chat has
    // ended either way: its metadata is recorded (without counts if they could not be read), then
    // a failure is reported.
    const [counts, cleared] = await Promise.allSettled([
      this.ctx.history.expire(sessionId, this.ctx.timings.historyKeepMs),
      this.ctx.deadlines.clear(`seeker-grace:${sessionId}`, `queue-grace:${sessionId}`),
    ]);
    this.record(ended, counts.status === 'fulfilled' ? counts.value : undefined);
    for (const step of [counts, cleared]) if (step.status === 'rejected') throw step.reason;
    return ended;
  }

  /**
   * Re-queue an active session at the front (switch, transfer, specialist gone) and tell both
   * sides; `note` is a transfer's, for the next specialist (CH9).
   */
  async requeue(session: SessionRecord, reason: RequeueReason, by: EndedBy, detail: string = reason, note: string | null = null): Promise<boolean> {
    const staffId = session.specialistId;
    // Only if it is still this specialist's chat: a stale caller must not re-queue someone else's.
    const requeued = staffId ? await this.ctx.store.requeue(session.id, reason, this.ctx.now(), staffId, note) : null;
    if (!requeued || !staffId) return false;
    const { events } = this.ctx;
    events.leaveSession(session.id, { staffId });
    events.toStaff(staffId, 'chat:ended', { sessionId: session.id, endedBy: by, reason: detail });
    void this.shiftUpdate(staffId);
    this.record(requeued);
    // Tell every tab of the seeker before any new match, so chat:requeued never follows chat:matched.
    const position = await this.ctx.store.position(session.id);
    events.toSeeker(session.seekerId, 'chat:requeued', { sessionId: session.id, position: position ?? 1, reason: detail, kind: reason });
    await this.matchNow();
    return true;
  }

  /** shift:update to a specialist's connections, as the store has them now. */
  async shiftUpdate(staffId: string): Promise<void> {
    const spec = await this.ctx.store.specialist(staffId).catch(() => null);
    if (spec) this.tellShift(spec);
  }

  private tellShift(spec: SpecialistRecord): void {
    this.ctx.events.toStaff(spec.staffId, 'shift:update', { onShift: spec.onShift, capacity: spec.capacity, active: spec.active });
  }

  /** Queue a metadata snapshot; at the end, with each side's message count (never their text). */
  private record(session: SessionRecord, counts: MessageCounts = { seeker: 0, specialist: 0 }): void {
    // The revision: when the state changed last (ended > matched > queued), then the rating.
    const rev = Math.max(session.endedAt ?? 0, session.matchedAt ?? 0, session.queuedAt) * 10 + (session.rating === null ? 0 : 1);
    this.ctx.metadata.recordSession(sessionSnapshot(session, counts.seeker, counts.specialist, rev));
  }
}
