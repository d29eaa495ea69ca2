import { AppError } from '../errors.js';
import { newId } from '../secrets.js';
import type { Message } from '../../protocol/messages.js';
import { ensureActive, isParticipant, senderOf, sessionFor, writerOf } from './access.js';
import type { Actor } from './actor.js';
import type { ChatContext } from './context.js';
import type { HookFlag, HookPayload } from '../moderation/types.js';
import type { SessionRecord } from './types.js';
import type { MessageBudget } from '../ports/rate-limiter.js';
import type { AppendResult, BudgetRefusal } from '../ports/live-history.js';
import { publicSession } from './chat-service.js';
import { handoverInfo, visibleMessages } from './handover.js';

/** What happens after a message is delivered: flags and crisis help (the moderation service). */
export interface DeliveryFollowUp {
  afterDelivery(session: SessionRecord, message: Message, flags: (HookFlag & { hook: string })[]): Promise<void>;
  /** A blocked message that still raised flags (crisis words with an insult): help and flag anyway. */
  afterBlock(session: SessionRecord, flags: (HookFlag & { hook: string })[]): Promise<void>;
}

const rateLimited = (retryAfterMs: number) =>
  new AppError('RATE_LIMITED', 'You are sending messages very fast. Please wait a moment.', { details: { retryAfterMs } });

/** How long, and for how many chats, a node keeps the session it last read for a sender. */
const SESSION_KEEP_MS = 5_000;
const SESSION_KEEP_MAX = 10_000;

/** Messages, typing and resume (CH1–CH5). */
export class MessageService {
  private readonly live = new Map<string, { session: SessionRecord; at: number }>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly followUp: DeliveryFollowUp,
  ) {}

  /**
   * message:send: through the pipeline, into the live history (CH2: acknowledged only once stored),
   * then to the session's room in seq order (CH1). A retry with the same clientMsgId returns the
   * stored message without sending it again (CH3). `budget` is the sender identity's (SEC2): the
   * append spends from it in the same step as it stores, so a message makes no call of its own for
   * it; a retry of a stored message, and a message moderation blocks, spend nothing.
   */
  async send(actor: Actor, input: { sessionId: string; clientMsgId: string; text: string }, budget: MessageBudget): Promise<Message> {
    // Admitted first, on this node: an identity known to be over is refused without a call, and
    // attempts at chats that are not the sender's (which never reach the append) are counted here.
    const admitted = budget.admit();
    if (!admitted.allowed) throw rateLimited(admitted.retryAfterMs);
    const session = this.keptSession(actor, input.sessionId) ?? (await this.liveSession(actor, input.sessionId));
    budget.release();
    const started = this.ctx.now();
    const sender = senderOf(actor);
    // The last messages are fetched only when a hook reads them (the built-ins do not).
    const recent = this.ctx.pipeline.usesRecent === false ? [] : await this.ctx.history.recent(session.id, 5);
    const payload = { session, sender, text: input.text, recent, clientMsgId: input.clientMsgId };
    const verdict = await this.ctx.pipeline.run(payload);
    if (verdict.action === 'block') {
      if (verdict.flags.length) void this.followUp.afterBlock(session, verdict.flags).catch((err: unknown) => this.ctx.observe?.followUpFailed?.(err));
      throw new AppError('VALIDATION', verdict.reason);
    }
    // Stored only if the chat is still live with this sender, in the same step as the append: an
    // end or a transfer that happened meanwhile, on any node, wins (CH5, CH6). A retry of a stored
    // clientMsgId gets the stored message back, delivered once (CH3).
    let result: AppendResult | BudgetRefusal | null;
    try {
      result = await this.ctx.history.appendIfLive(
        { id: newId(), sessionId: session.id, clientMsgId: input.clientMsgId, sender, text: verdict.text, sentAt: new Date(started).toISOString(), redacted: verdict.redacted },
        writerOf(actor),
        budget.append,
      );
    } catch (err) {
      this.undelivered(payload);
      throw err;
    }
    if (!result) {
      this.undelivered(payload);
      this.live.delete(session.id);
      ensureActive(await sessionFor(this.ctx.store, actor, input.sessionId));
      throw new AppError('CONFLICT', 'This chat has changed. Please try again.');
    }
    if ('refused' in result) {
      this.undelivered(payload);
      budget.over(result.retryAfterMs);
      throw rateLimited(result.retryAfterMs);
    }
    const { message, duplicate } = result;
    if (!duplicate) {
      this.ctx.events.toSession(session.id, 'message:new', message);
      this.ctx.observe?.delivered?.(this.ctx.now() - started);
      // Flags never hold up the sender's acknowledgement; a failure is logged, not lost silently.
      if (verdict.flags.length) void this.followUp.afterDelivery(session, message, verdict.flags).catch((err: unknown) => this.ctx.observe?.followUpFailed?.(err));
    }
    return message;
  }

  /** A message that was never stored does not count for flood control. */
  private undelivered(payload: HookPayload): void {
    this.ctx.pipeline.undelivered?.(payload);
  }

  /**
   * The session a participant writes to, as read for an earlier message within SESSION_KEEP_MS
   * (per chat, not per message), or undefined: then liveSession reads it. The append checks
   * liveness itself, atomically, so a kept copy only feeds the moderation hooks.
   */
  private keptSession(actor: Actor, sessionId: string): SessionRecord | undefined {
    const kept = this.live.get(sessionId);
    return kept && this.ctx.now() - kept.at < SESSION_KEEP_MS && isParticipant(actor, kept.session) ? kept.session : undefined;
  }

  /** The session a participant writes to (CH5: NOT_FOUND otherwise), read and kept (keptSession). */
  private async liveSession(actor: Actor, sessionId: string): Promise<SessionRecord> {
    const session = await sessionFor(this.ctx.store, actor, sessionId);
    ensureActive(session);
    if (this.live.size >= SESSION_KEEP_MAX) this.live.delete(this.live.keys().next().value!);
    this.live.set(sessionId, { session, at: this.ctx.now() });
    return session;
  }

  /** typing: relayed to the session, never stored. */
  async typing(actor: Actor, input: { sessionId: string; typing: boolean }): Promise<void> {
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    if (session.status !== 'active') return;
    this.ctx.events.toSession(session.id, 'typing', { sessionId: session.id, sender: senderOf(actor), typing: input.typing });
  }

  /**
   * chat:resume (CH4): every message after `afterSeq` the caller may see, each specialist's message
   * named by who wrote it, and the caller back in the chat's room. A specialist sees the part of a
   * chat from before they joined only if the seeker shared it (CH9), else only their own (PRIV5);
   * their session view carries the handover.
   */
  async resume(actor: Actor, input: { sessionId: string; afterSeq: number }) {
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    const forStaff = actor.kind === 'staff';
    // Back in the room before the history is read: a message stored between the two then arrives
    // live as well as in the answer (clients keep one per seq), never in neither.
    if (session.status !== 'ended') {
      this.ctx.events.joinSession(session.id, actor.kind === 'seeker' ? { seekerId: actor.seekerId } : { staffId: actor.staffId });
    }
    const messages = visibleMessages(session, await this.ctx.history.after(session.id, input.afterSeq), forStaff);
    const handover = forStaff ? handoverInfo(session) : undefined;
    return { session: handover ? { ...publicSession(session), handover } : publicSession(session), messages };
  }
}
