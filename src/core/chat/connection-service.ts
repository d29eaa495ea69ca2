import type { Actor } from './actor.js';
import { actorKey } from './actor.js';
import type { ChatService } from './chat-service.js';
import type { ShiftService } from './shift-service.js';
import type { ChatContext } from './context.js';
import type { SessionRecord } from './types.js';

const seekerGrace = (sessionId: string) => `seeker-grace:${sessionId}`;
const queueGrace = (sessionId: string) => `queue-grace:${sessionId}`;
const specialistGrace = (staffId: string) => `specialist-grace:${staffId}`;
/** How long a node holds a claimed deadline before another may take it. */
const LEASE_MS = 30_000;
/** How many waiting seekers the sweep checks for a dead connection. */
const SWEEP_QUEUE_LIMIT = 1_000;

/**
 * Connections coming and going (CH7, CH8). Grace periods are deadlines in the state backend, so
 * they fire on whichever node is alive when they fall due; each fires once.
 */
export class ConnectionService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly chat: ChatService,
    private readonly shifts: ShiftService,
  ) {}

  /**
   * A connection opened: cancel grace timers, rejoin the chats (`rejoin`, CH4), then tell the other
   * side, so that whatever they send on hearing it reaches the new connection (CH7). Returns the chats.
   */
  async connected(actor: Actor, rejoin: (sessions: SessionRecord[]) => Promise<void>): Promise<SessionRecord[]> {
    const { store, deadlines, events } = this.ctx;
    if (actor.kind === 'seeker') {
      const open = await store.openSessionOf(actor.seekerId);
      if (!open) return [];
      await deadlines.clear(seekerGrace(open.id), queueGrace(open.id));
      await rejoin([open]);
      if (open.status === 'active' && open.specialistId) events.toStaff(open.specialistId, 'chat:peer', { sessionId: open.id, peer: 'connected' });
      // Read after this connection counted in presence: had the mark not been set yet, the
      // disconnect that sets it sees this connection and takes it back (startSeekerGrace).
      if (open.away) await this.back(open.id);
      return [open];
    }
    const spec = await store.specialist(actor.staffId);
    if (!spec) return [];
    await deadlines.clear(specialistGrace(actor.staffId));
    if (!spec.connected) await store.setConnected(actor.staffId, true);
    const sessions = await store.sessionsOf(actor.staffId);
    await rejoin(sessions);
    for (const s of sessions) events.toSeeker(s.seekerId, 'chat:peer', { sessionId: s.id, peer: 'connected' });
    if (spec.onShift) await this.chat.matchNow();
    return sessions;
  }

  /** A connection closed; when it was the identity's last, start the grace periods. */
  async disconnected(actor: Actor): Promise<void> {
    if ((await this.ctx.presence.count(actorKey(actor))) > 0) return;
    await this.startGrace(actor);
  }

  /**
   * Claim due deadlines (any node) and act on those whose person is still away. A claim is a lease:
   * if this node dies mid-way the deadline falls due again elsewhere; one failure does not stop the rest.
   */
  async fireDue(limit = 100): Promise<number> {
    const now = this.ctx.now();
    const keys = await this.ctx.deadlines.claimDue(now, limit, LEASE_MS);
    for (const key of keys) {
      try {
        await this.fire(key);
        await this.ctx.deadlines.complete(key, now + LEASE_MS);
      } catch (err) {
        this.ctx.observe?.timerFailed?.(key, err);
      }
    }
    return keys.length;
  }

  /**
   * Safety net for a node that died without running its disconnect handlers: anyone routed or
   * waiting who has no live connection anywhere gets their grace period, once (setIfAbsent), and a
   * seeker the away mark (MQ10); a specialist or seeker who is connected again is made routable or
   * matchable again. Also retries matching (MQ5).
   */
  async sweep(): Promise<void> {
    const { store, presence } = this.ctx;
    await this.chat.matchNow();
    for (const staffId of await store.routedSpecialists()) {
      const here = (await presence.count(`staff:${staffId}`)) > 0;
      const spec = await store.specialist(staffId);
      if (here && spec && !spec.connected) {
        await store.setConnected(staffId, true);
        await this.chat.matchNow();
      }
      if (!here) await this.startGrace({ kind: 'staff', staffId, role: 'specialist', displayName: '' }, true);
      for (const s of await store.sessionsOf(staffId)) {
        if ((await presence.count(`seeker:${s.seekerId}`)) === 0) await this.startSeekerGrace(s, true);
        else if (s.away) await this.back(s.id);
      }
    }
    for (const s of await store.queued(SWEEP_QUEUE_LIMIT)) {
      const here = (await presence.count(`seeker:${s.seekerId}`)) > 0;
      if (!here) await this.startSeekerGrace(s, true);
      else if (s.away) await this.back(s.id);
    }
  }

  /** The seeker is connected again: matchable in their old place, and matched now if someone is free (MQ10, MQ5). */
  private async back(sessionId: string): Promise<void> {
    const session = await this.ctx.store.setAway(sessionId, false);
    if (session?.status === 'waiting') await this.chat.matchNow();
  }

  private async startGrace(actor: Actor, fromSweep = false): Promise<void> {
    const { store, deadlines, events, timings } = this.ctx;
    if (actor.kind === 'seeker') {
      const open = await store.openSessionOf(actor.seekerId);
      if (open) await this.startSeekerGrace(open, fromSweep);
      return;
    }
    const spec = await store.specialist(actor.staffId);
    if (!spec) return;
    if (spec.connected) await store.setConnected(actor.staffId, false);
    const set = await deadlines.setIfAbsent(specialistGrace(actor.staffId), this.ctx.now() + timings.specialistGraceMs);
    if (set || !fromSweep) {
      for (const s of await store.sessionsOf(actor.staffId)) events.toSeeker(s.seekerId, 'chat:peer', { sessionId: s.id, peer: 'reconnecting' });
    }
  }

  private async startSeekerGrace(session: SessionRecord, fromSweep: boolean): Promise<void> {
    const { store, presence, deadlines, events, timings } = this.ctx;
    const now = this.ctx.now();
    // Away: not matched while gone (MQ10), also should a live chat be re-queued meanwhile. Then
    // presence is read again: a connection that came back before the mark was set has read the
    // session without it (connected), so it is taken back here.
    if (!session.away) {
      await store.setAway(session.id, true);
      if ((await presence.count(`seeker:${session.seekerId}`)) > 0) return this.back(session.id);
    }
    if (session.status === 'waiting') {
      await deadlines.setIfAbsent(queueGrace(session.id), now + timings.queueGraceMs);
      return;
    }
    const set = await deadlines.setIfAbsent(seekerGrace(session.id), now + timings.seekerGraceMs);
    // The grace goes with it, so the console can say how long the seeker has to come back (UX5);
    // a deadline set earlier by the sweep makes this an upper bound.
    const graceSeconds = Math.round(timings.seekerGraceMs / 1000);
    if ((set || !fromSweep) && session.specialistId) events.toStaff(session.specialistId, 'chat:peer', { sessionId: session.id, peer: 'reconnecting', graceSeconds });
  }

  private async fire(key: string): Promise<void> {
    const { store, presence, events } = this.ctx;
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'seeker-grace' || kind === 'queue-grace') {
      const session = await store.get(id);
      if (!session || session.status === 'ended') return;
      if ((await presence.count(`seeker:${session.seekerId}`)) > 0) {
        // Back in time, but a late disconnect handler may have marked them away: matchable again.
        if (session.away) await this.back(session.id);
        return;
      }
      // Either timer ends the session in whatever state it is now (it may have been re-queued meanwhile).
      if (session.status === 'active') {
        if (session.specialistId) events.toStaff(session.specialistId, 'chat:peer', { sessionId: session.id, peer: 'left' });
        await this.chat.finish(session.id, 'system', 'seeker_disconnected');
      } else {
        await this.chat.finish(session.id, 'system', 'expired');
      }
    } else if (kind === 'specialist-grace') {
      if ((await presence.count(`staff:${id}`)) > 0) {
        // Back in time, but a late disconnect handler may have marked them away: routable again.
        await store.setConnected(id, true);
        await this.chat.matchNow();
        return;
      }
      for (const session of await store.sessionsOf(id)) await this.chat.requeue(session, 'specialist_disconnected', 'system', 'specialist_disconnected');
      await this.shifts.endFor(id);
    }
  }
}
