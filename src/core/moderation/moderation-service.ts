import type { Flag, FlagAction } from '../../protocol/events.js';
import type { Resource } from '../../protocol/http.js';
import type { Message } from '../../protocol/messages.js';
import { sessionFor } from '../chat/access.js';
import { actorKey, type Actor } from '../chat/actor.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { ChatService } from '../chat/chat-service.js';
import type { ChatContext } from '../chat/context.js';
import type { SessionRecord } from '../chat/types.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import type { SeekerIdentityService } from '../identity/seeker-identity.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { FlagStore, NewFlag, StoredFlag } from '../ports/flag-store.js';
import { newId } from '../secrets.js';
import { asSeen, flagsAsSeen, isLive } from './flag-view.js';
import { redactContacts } from './hooks/contact-redaction.js';
import type { HookFlag } from './types.js';
import type { CrisisCategory } from './crisis/compile.js';
import { crisisReason } from './hooks/crisis-detector.js';

const EXCERPT_BEFORE = 5;
const DEFAULT_WARNING = 'A moderator has asked you to keep this conversation kind and safe for everyone.';
/** UX6: how long a claim keeps other moderators off a flag, unless renewed or resolved first. */
export const CLAIM_MS = 5 * 60_000;

export interface ModerationDeps {
  flags: FlagStore;
  /** Reports per person: 10 a minute. */
  reportLimiter: RateLimiter;
  audit: AuditLog;
  seekers: SeekerIdentityService;
  resources: () => Resource[];
  observe?: { flagged?(source: Flag['source'], severity: Flag['severity']): void; acted?(action: FlagAction): void };
}

const isModerator = (actor: Actor) => actor.kind === 'staff' && (actor.role === 'moderator' || actor.role === 'admin');

/**
 * Flags and what moderators do about them (MOD4, MOD5). Flags come from reports, escalations and
 * hooks, each with an excerpt as delivered; moderators see them live; every action is audited.
 */
export class ModerationService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly chat: ChatService,
    private readonly deps: ModerationDeps,
  ) {}

  /** After a message was delivered: flags from hooks, and help for a seeker in crisis (MOD2, MOD4). */
  async afterDelivery(session: SessionRecord, message: Message, flags: (HookFlag & { hook: string })[]): Promise<void> {
    this.helpInCrisis(session, flags);
    for (const flag of flags) {
      await this.raise({ sessionId: session.id, messageId: message.id, source: 'hook', severity: flag.severity, reason: `${flag.hook}: ${flag.reason}`, crisis: flag.crisis === true }, message.seq, session);
    }
  }

  /** A message was blocked but raised flags first: help and flag all the same (the text was not delivered). */
  async afterBlock(session: SessionRecord, flags: (HookFlag & { hook: string })[]): Promise<void> {
    this.helpInCrisis(session, flags);
    for (const flag of flags) {
      await this.raise({ sessionId: session.id, messageId: null, source: 'hook', severity: flag.severity, reason: `${flag.hook}: ${flag.reason} (in a message that was blocked)`, crisis: flag.crisis === true }, null, session);
    }
  }

  private helpInCrisis(session: SessionRecord, flags: (HookFlag & { hook: string })[]): void {
    const crisis = flags.filter((f) => f.crisis);
    if (!crisis.length) return;
    const categories = [...new Set(crisis.flatMap((f) => f.categories ?? []))];
    this.urgent(session, crisisReason(categories as CrisisCategory[]), categories, true);
  }

  /** The seeker gets crisis lines (when asked), the specialist the urgent marker and why (MOD2). */
  private urgent(session: SessionRecord, reason: string, categories: string[], sendResources: boolean): void {
    if (sendResources) this.ctx.events.toSeeker(session.seekerId, 'safety:resources', { sessionId: session.id, resources: this.deps.resources() });
    if (session.specialistId) this.ctx.events.toStaff(session.specialistId, 'chat:urgent', { sessionId: session.id, reason, categories });
  }

  /**
   * chat:mark-urgent: a crisis noticed by the specialist takes the same path as one the detector
   * found (MOD2): a high flag to moderators, the urgent marker, and crisis lines to the seeker if
   * asked. Audited like every staff action.
   */
  async markUrgent(actor: Actor, input: { sessionId: string; note?: string; sendResources?: boolean }): Promise<string> {
    if (actor.kind !== 'staff') throw forbidden('Only the specialist can mark a chat urgent');
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    const budget = await this.deps.reportLimiter.consume(actorKey(actor));
    if (!budget.allowed) throw new AppError('RATE_LIMITED', 'This chat is already marked urgent; a moderator has been told.', { details: { retryAfterMs: budget.retryAfterMs } });
    const note = input.note?.trim();
    const flag = await this.raise({ sessionId: session.id, messageId: null, source: 'escalation', severity: 'high', reason: `marked urgent by the specialist${note ? `: ${note}` : ''}`, crisis: true }, null, session);
    this.urgent(session, 'marked by you', ['marked urgent'], input.sendResources === true && session.status === 'active');
    await this.deps.audit.append({ actorId: actor.staffId, action: 'chat.mark_urgent', targetType: 'session', targetId: session.id, detail: { flagId: flag.id, sentResources: input.sendResources === true } });
    return flag.id;
  }

  /** message:report, by either participant. */
  async report(actor: Actor, input: { sessionId: string; messageId: string; reason: string; note?: string }): Promise<string> {
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    const budget = await this.deps.reportLimiter.consume(actorKey(actor));
    if (!budget.allowed) throw new AppError('RATE_LIMITED', 'You have sent many reports just now. A moderator will look at them.', { details: { retryAfterMs: budget.retryAfterMs } });
    const message = (await this.ctx.history.after(input.sessionId, 0)).find((m) => m.id === input.messageId);
    if (!message) throw notFound('Message');
    const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
    const flag = await this.raise({ sessionId: input.sessionId, messageId: message.id, source: 'report', severity: 'medium', reason }, message.seq, session);
    return flag.id;
  }

  /** chat:escalate, by the specialist in the chat: a supervisor should look now. */
  async escalate(actor: Actor, input: { sessionId: string; reason: string }): Promise<string> {
    if (actor.kind !== 'staff') throw forbidden('Only the specialist can escalate a chat');
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    const flag = await this.raise({ sessionId: input.sessionId, messageId: null, source: 'escalation', severity: 'high', reason: input.reason }, null, session);
    return flag.id;
  }

  /** flags:subscribe: the open flags (the transport then sends flag:new / flag:updated live). */
  async openFlags(actor: Actor): Promise<Flag[]> {
    if (!isModerator(actor)) throw forbidden('Only moderators see flags');
    return this.list('open', 200);
  }

  /** GET /flags: each with whether its chat is still live, read now (UX6). */
  async list(status: 'open' | 'resolved', limit: number): Promise<Flag[]> {
    return flagsAsSeen(this.ctx.store, await this.deps.flags.list(status, limit), this.ctx.now());
  }

  /**
   * POST /flags/:id/claim (UX6): this moderator works on the flag for CLAIM_MS (again: renewed),
   * and every moderator sees who; CONFLICT while another moderator's claim lasts.
   */
  async claim(moderatorId: string, flagId: string): Promise<Flag> {
    const now = this.ctx.now();
    const claimed = await this.deps.flags.claim(flagId, moderatorId, new Date(now + CLAIM_MS), new Date(now));
    if (!claimed) throw await this.refusal(flagId, now);
    return this.announce(claimed, now);
  }

  /** DELETE /flags/:id/claim (UX6): this moderator stops working on the flag; others may take it. */
  async release(moderatorId: string, flagId: string): Promise<Flag> {
    const flag = await this.deps.flags.release(flagId, moderatorId);
    if (!flag) throw notFound('Flag');
    return this.announce(flag, this.ctx.now());
  }

  /**
   * POST /flags/:id/note (UX6): a moderator's words to the specialist of the flag's chat, shown
   * to them as a staff-only notice. Contact details are redacted as in a message (MOD2); it goes
   * to the specialist's own connections, never to the chat's room, so the seeker cannot receive
   * it. Audited before it is sent; the log says that it was sent, not what it said (PRIV1).
   */
  async note(moderatorId: string, flagId: string, text: string): Promise<{ flag: Flag; text: string }> {
    const stored = await this.deps.flags.get(flagId);
    if (!stored) throw notFound('Flag');
    const session = await this.ctx.store.get(stored.sessionId);
    if (!session || !isLive(session)) throw conflict('This chat has ended: its specialist can no longer be reached here.');
    if (!session.specialistId) throw conflict('This chat is waiting for a specialist: there is nobody to message yet.');
    const delivered = redactContacts(text);
    await this.deps.audit.append({
      actorId: moderatorId,
      action: 'flag.note',
      targetType: 'flag',
      targetId: flagId,
      detail: { sessionId: session.id, to: 'specialist', redacted: delivered !== text },
    });
    const now = this.ctx.now();
    this.ctx.events.toStaff(session.specialistId, 'staff:note', { id: newId(), sessionId: session.id, text: delivered, from: 'moderator', at: new Date(now).toISOString() });
    return { flag: asSeen(stored, true, now), text: delivered };
  }

  /** Why a claim or a resolution was refused: unknown, resolved, or someone else's. */
  private async refusal(flagId: string, now: number): Promise<AppError> {
    const flag = await this.deps.flags.get(flagId);
    if (!flag) return notFound('Flag');
    if (flag.status !== 'open') return conflict('This flag has already been resolved');
    const holder = asSeen(flag, false, now).claimedBy;
    return conflict(holder ? `${holder.displayName} is working on this flag.` : 'This flag changed meanwhile. Please try again.');
  }

  /** Tell every moderator how a flag stands now (flag:updated), and return it as sent. */
  private async announce(stored: StoredFlag, now: number): Promise<Flag> {
    const [flag] = await flagsAsSeen(this.ctx.store, [stored], now);
    this.ctx.events.toModerators('flag:updated', flag!);
    return flag!;
  }

  /** POST /flags/:id/resolve: act on a flag, resolve it, audit it, tell every moderator. */
  async resolve(moderatorId: string, flagId: string, action: FlagAction, note?: string): Promise<{ flag: Flag; outcome: string }> {
    const flag = await this.deps.flags.get(flagId);
    if (!flag) throw notFound('Flag');
    // Resolve the flag first, so two moderators never both act on it; another's claim (UX6) wins.
    const now = this.ctx.now();
    const stored = await this.deps.flags.resolve(flagId, moderatorId, action, note ?? null, new Date(now));
    if (!stored) throw await this.refusal(flagId, now);
    // MOD5: claim and action succeed or fail together: a failed action leaves the flag open.
    const outcome = await this.act(flag, action, note).catch(async (err: unknown) => {
      await this.deps.flags.reopen(flagId, moderatorId);
      await this.deps.audit.append({ actorId: moderatorId, action: `flag.${action}`, targetType: 'flag', targetId: flagId, detail: { sessionId: flag.sessionId, outcome: 'failed' } });
      throw err;
    });
    await this.deps.audit.append({
      actorId: moderatorId,
      action: `flag.${action}`,
      targetType: 'flag',
      targetId: flagId,
      detail: { sessionId: flag.sessionId, messageId: flag.messageId, outcome, ...(note ? { note } : {}) },
    });
    this.deps.observe?.acted?.(action);
    return { flag: await this.announce(stored, now), outcome };
  }

  private async act(flag: StoredFlag, action: FlagAction, note?: string): Promise<string> {
    const session = await this.ctx.store.get(flag.sessionId);
    switch (action) {
      case 'dismiss':
        return 'dismissed';
      case 'hide_message': {
        if (!flag.messageId) throw new AppError('VALIDATION', 'This flag is not about a single message');
        const hidden = await this.ctx.history.hide(flag.sessionId, flag.messageId);
        const event = { sessionId: flag.sessionId, messageId: flag.messageId };
        // Once per socket: to both people's connections when the chat is known, else to its room.
        if (session) {
          this.ctx.events.toSeeker(session.seekerId, 'message:hidden', event);
          if (session.specialistId) this.ctx.events.toStaff(session.specialistId, 'message:hidden', event);
        } else {
          this.ctx.events.toSession(flag.sessionId, 'message:hidden', event);
        }
        return hidden ? 'message hidden' : 'the chat history is gone; nothing left to hide';
      }
      case 'warn': {
        const flagged = flag.excerpt?.find((m) => m.id === flag.messageId) ?? (await this.ctx.history.after(flag.sessionId, 0)).find((m) => m.id === flag.messageId);
        const sender = flagged?.sender ?? 'seeker';
        const warning = { sessionId: flag.sessionId, text: note?.trim() || DEFAULT_WARNING };
        if (!session) return 'the chat has ended; nobody to warn';
        if (sender === 'specialist' && session.specialistId) this.ctx.events.toStaff(session.specialistId, 'warning', warning);
        else this.ctx.events.toSeeker(session.seekerId, 'warning', warning);
        return `warned the ${sender === 'specialist' ? 'specialist' : 'seeker'}`;
      }
      case 'end_chat': {
        const ended = await this.chat.finish(flag.sessionId, 'moderator', 'ended_by_moderator');
        return ended ? 'chat ended' : 'the chat had already ended';
      }
      case 'ban_seeker': {
        if (!session) return 'the chat is gone; the seeker could not be found';
        const banned = await this.deps.seekers.ban(session.seekerId);
        await this.chat.finish(flag.sessionId, 'moderator', 'ended_by_moderator');
        this.ctx.events.disconnect({ seekerId: session.seekerId });
        return banned ? 'seeker banned for 24 hours' : 'the seeker had already left; their chat is closed';
      }
    }
  }

  /** Store a flag with its excerpt and tell moderators (MOD4); `session` as the caller just read it. */
  private async raise(input: Omit<NewFlag, 'id' | 'excerpt'>, uptoSeq: number | null, session: SessionRecord): Promise<Flag> {
    const window = await this.ctx.history.recent(input.sessionId, 50);
    const upto = uptoSeq ?? Number.POSITIVE_INFINITY;
    const excerpt = window.filter((m) => m.seq <= upto).slice(-(EXCERPT_BEFORE + 1));
    const draft = { ...input, crisis: input.crisis === true, reason: redactContacts(input.reason), id: newId(), excerpt };
    const chatLive = isLive(session);
    let flag: Flag;
    try {
      flag = asSeen(await this.deps.flags.create(draft), chatLive, this.ctx.now());
    } catch (err) {
      // The database is away: a human must still see this now (it cannot be resolved until stored).
      const at = new Date(this.ctx.now()).toISOString();
      this.ctx.events.toModerators('flag:new', { ...draft, status: 'open', createdAt: at, resolvedAt: null, resolution: null, resolutionNote: null, chatLive, claimedBy: null });
      throw err;
    }
    this.deps.observe?.flagged?.(flag.source, flag.severity);
    this.ctx.events.toModerators('flag:new', flag);
    return flag;
  }
}

