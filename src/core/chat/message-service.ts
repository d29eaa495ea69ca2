import { AppError } from '../errors.js';
import { newId } from '../secrets.js';
import type { Message } from '../../protocol/messages.js';
import { ensureActive, senderOf, sessionFor } from './access.js';
import type { Actor } from './actor.js';
import type { ChatContext } from './context.js';
import type { HookFlag } from '../moderation/types.js';
import type { SessionRecord } from './types.js';
import { publicSession } from './chat-service.js';

/** What happens after a message is delivered: flags and crisis help (the moderation service). */
export interface DeliveryFollowUp {
  afterDelivery(session: SessionRecord, message: Message, flags: (HookFlag & { hook: string })[]): Promise<void>;
  /** A blocked message that still raised flags (crisis words with an insult): help and flag anyway. */
  afterBlock(session: SessionRecord, flags: (HookFlag & { hook: string })[]): Promise<void>;
}

/** Messages, typing and resume (CH1–CH5). */
export class MessageService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly followUp: DeliveryFollowUp,
  ) {}

  /**
   * message:send: through the pipeline, into the live history (CH2: acknowledged only once stored),
   * then to the session's room in seq order (CH1). A retry with the same clientMsgId returns the
   * stored message without sending it again (CH3).
   */
  async send(actor: Actor, input: { sessionId: string; clientMsgId: string; text: string }, rateKey: string): Promise<Message> {
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    ensureActive(session);
    const budget = await this.ctx.messageLimiter.consume(rateKey);
    if (!budget.allowed) {
      throw new AppError('RATE_LIMITED', 'You are sending messages very fast. Please wait a moment.', { details: { retryAfterMs: budget.retryAfterMs } });
    }
    // CH3: a retry of a stored message is answered as before, without moderating it twice.
    const stored = await this.ctx.history.byClientId(session.id, input.clientMsgId);
    if (stored) return stored;
    const started = this.ctx.now();
    const sender = senderOf(actor);
    const recent = await this.ctx.history.recent(session.id, 5);
    const verdict = await this.ctx.pipeline.run({ session, sender, text: input.text, recent });
    if (verdict.action === 'block') {
      if (verdict.flags.length) void this.followUp.afterBlock(session, verdict.flags).catch((err: unknown) => this.ctx.observe?.followUpFailed?.(err));
      throw new AppError('VALIDATION', verdict.reason);
    }
    // The chat may have ended or moved to another specialist while the message was checked.
    ensureActive(await sessionFor(this.ctx.store, actor, input.sessionId));
    const { message, duplicate } = await this.ctx.history.append({
      id: newId(),
      sessionId: session.id,
      clientMsgId: input.clientMsgId,
      sender,
      text: verdict.text,
      sentAt: new Date(started).toISOString(),
      redacted: verdict.redacted,
    });
    if (!duplicate) {
      this.ctx.events.toSession(session.id, 'message:new', message);
      this.ctx.observe?.delivered?.(this.ctx.now() - started);
      // Flags never hold up the sender's acknowledgement; a failure is logged, not lost silently.
      if (verdict.flags.length) void this.followUp.afterDelivery(session, message, verdict.flags).catch((err: unknown) => this.ctx.observe?.followUpFailed?.(err));
    }
    return message;
  }

  /** typing: relayed to the session, never stored. */
  async typing(actor: Actor, input: { sessionId: string; typing: boolean }): Promise<void> {
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    if (session.status !== 'active') return;
    this.ctx.events.toSession(session.id, 'typing', { sessionId: session.id, sender: senderOf(actor), typing: input.typing });
  }

  /** chat:resume (CH4): every message after `afterSeq`, and the caller back in the chat's room. */
  async resume(actor: Actor, input: { sessionId: string; afterSeq: number }) {
    const session = await sessionFor(this.ctx.store, actor, input.sessionId);
    let messages = await this.ctx.history.after(session.id, input.afterSeq);
    // PRIV5: a specialist sees only their own part of a chat that was switched or transferred to them.
    if (actor.kind === 'staff' && session.matchedAt !== null) messages = messages.filter((m) => Date.parse(m.sentAt) >= session.matchedAt!);
    if (session.status !== 'ended') {
      this.ctx.events.joinSession(session.id, actor.kind === 'seeker' ? { seekerId: actor.seekerId } : { staffId: actor.staffId });
    }
    return { session: publicSession(session), messages };
  }
}
