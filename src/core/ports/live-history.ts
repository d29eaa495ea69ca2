import type { Message } from '../../protocol/messages.js';

/** A message before the history gives it its place (`seq`). */
export type MessageDraft = Omit<Message, 'seq'> & { clientMsgId: string };

/** How many messages each side of a chat wrote. */
export interface MessageCounts {
  seeker: number;
  specialist: number;
}

/** Who writes into a chat: its seeker, or the specialist it is with now. */
export type Writer = { seekerId: string } | { staffId: string };

/** The result of an append: the stored message, and whether it was already there (CH3). */
export interface AppendResult {
  message: Message;
  duplicate: boolean;
}

/**
 * A count of one writer's appends that an append spends from (SEC2): at most `points` in a fixed
 * window of `windowMs` that begins with the first, under `key` (the writer's identity), the same
 * count for every node.
 */
export interface AppendBudget {
  key: string;
  points: number;
  windowMs: number;
}

/** An append refused because its writer's budget is spent: nothing was stored. */
export interface BudgetRefusal {
  refused: true;
  /** Milliseconds until the budget's window ends. */
  retryAfterMs: number;
}

/**
 * The live message history of each chat session, shared by every node (CH2, CH4).
 * Seq numbers start at 1 and have no gaps within a session.
 */
export interface LiveHistory {
  /**
   * Append a message with the next seq, atomically. If `clientMsgId` was already appended in this
   * session, nothing is written and the first stored message is returned with `duplicate: true`.
   */
  append(draft: MessageDraft): Promise<AppendResult>;
  /**
   * `append`, only while the session is active with `writer` in it (as the MatchStore has it),
   * checked atomically with the append (CH5, CH6); null when it is not.
   */
  appendIfLive(draft: MessageDraft, writer: Writer): Promise<AppendResult | null>;
  /**
   * `appendIfLive` that also spends a point of `budget`, in the same atomic step, once the message
   * is known to be new: a retry of a stored clientMsgId is free (CH3). Over the budget, nothing is
   * stored and the answer says how long until its window ends.
   */
  appendIfLive(draft: MessageDraft, writer: Writer, budget: AppendBudget): Promise<AppendResult | BudgetRefusal | null>;
  /** Every visible message with seq > `afterSeq`, in seq order. Hidden messages are left out. */
  after(sessionId: string, afterSeq: number): Promise<Message[]>;
  /** The message stored under `clientMsgId`, if any (so a retry skips moderation, CH3). */
  byClientId(sessionId: string, clientMsgId: string): Promise<Message | null>;
  /** The last `count` visible messages, oldest first (the window moderation hooks and excerpts see). */
  recent(sessionId: string, count: number): Promise<Message[]>;
  /** Hide a message from later reads; false when no such message exists. */
  hide(sessionId: string, messageId: string): Promise<boolean>;
  /**
   * Delete the session's history `ttlMs` from now (CH4: at most 10 minutes after the chat ends), and
   * count the visible messages each side wrote (the chat's metadata, PRIV1), in the same step.
   */
  expire(sessionId: string, ttlMs: number): Promise<MessageCounts>;
}
