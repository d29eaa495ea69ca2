import type { AppendBudget, AppendResult, BudgetRefusal, LiveHistory, MessageCounts, MessageDraft, Writer } from '../../core/ports/live-history.js';
import type { Message } from '../../protocol/messages.js';

interface SessionHistory {
  messages: StoredMessage[];
  byClientId: Map<string, number>;
  timer?: NodeJS.Timeout;
  /** When `timer` deletes it (epoch ms). */
  expiresAt?: number;
}

type StoredMessage = Message & { hidden?: boolean };

/** One session's history as a snapshot keeps it. */
export interface HistoryEntry {
  sessionId: string;
  messages: StoredMessage[];
  /** clientMsgId → seq, so a retry sent before a restart is still known after it (CH3). */
  clientIds: [string, number][];
  /** When it is deleted (epoch ms); null while its chat is live. */
  expiresAt: number | null;
}

/** Single-node LiveHistory. */
export class MemoryLiveHistory implements LiveHistory {
  private readonly sessions = new Map<string, SessionHistory>();
  /** Each budget key's appends in its current window, in the order the windows began. */
  private readonly budgets = new Map<string, { spent: number; endsAt: number }>();

  /** `isLive` answers from the node's MatchStore; without one every session counts as live. */
  constructor(private readonly isLive: (sessionId: string, writer: Writer) => boolean = () => true) {}

  appendIfLive(draft: MessageDraft, writer: Writer): Promise<AppendResult | null>;
  appendIfLive(draft: MessageDraft, writer: Writer, budget: AppendBudget): Promise<AppendResult | BudgetRefusal | null>;
  async appendIfLive(draft: MessageDraft, writer: Writer, budget?: AppendBudget): Promise<AppendResult | BudgetRefusal | null> {
    return this.isLive(draft.sessionId, writer) ? this.add(draft, budget) : null;
  }

  async append(draft: MessageDraft): Promise<AppendResult> {
    // Without a budget, nothing is refused.
    return this.add(draft) as AppendResult;
  }

  private add(draft: MessageDraft, budget?: AppendBudget): AppendResult | BudgetRefusal {
    let history = this.sessions.get(draft.sessionId);
    const known = history?.byClientId.get(draft.clientMsgId);
    if (known !== undefined) return { message: visible(history!.messages[known - 1]!), duplicate: true };
    const refused = budget && this.spend(budget);
    if (refused) return refused;
    if (!history) this.sessions.set(draft.sessionId, (history = { messages: [], byClientId: new Map() }));
    const { clientMsgId, ...fields } = draft;
    const message: Message = { ...fields, seq: history.messages.length + 1 };
    history.messages.push(message);
    history.byClientId.set(clientMsgId, message.seq);
    return { message: { ...message }, duplicate: false };
  }

  /** Spends a point of `budget`, or answers the refusal when its window has none left. */
  private spend({ key, points, windowMs }: AppendBudget): BudgetRefusal | undefined {
    const now = Date.now();
    // Windows are kept in the order they began, so (all of one length, as a node's are) the ended
    // ones are at the front.
    for (const [k, w] of this.budgets) {
      if (w.endsAt > now) break;
      this.budgets.delete(k);
    }
    let window = this.budgets.get(key);
    if (!window || window.endsAt <= now) {
      this.budgets.delete(key);
      this.budgets.set(key, (window = { spent: 0, endsAt: now + windowMs }));
    }
    if (window.spent >= points) return { refused: true, retryAfterMs: window.endsAt - now };
    window.spent++;
    return undefined;
  }

  async after(sessionId: string, afterSeq: number): Promise<Message[]> {
    const history = this.sessions.get(sessionId);
    if (!history) return [];
    return history.messages.slice(Math.max(0, afterSeq)).filter((m) => !m.hidden).map(visible);
  }

  async byClientId(sessionId: string, clientMsgId: string): Promise<Message | null> {
    const history = this.sessions.get(sessionId);
    const seq = history?.byClientId.get(clientMsgId);
    return seq === undefined ? null : visible(history!.messages[seq - 1]!);
  }

  async recent(sessionId: string, count: number): Promise<Message[]> {
    const messages = this.sessions.get(sessionId)?.messages ?? [];
    return messages.filter((m) => !m.hidden).slice(-count).map(visible);
  }

  async hide(sessionId: string, messageId: string): Promise<boolean> {
    const message = this.sessions.get(sessionId)?.messages.find((m) => m.id === messageId);
    if (!message) return false;
    message.hidden = true;
    return true;
  }

  async expire(sessionId: string, ttlMs: number): Promise<MessageCounts> {
    const history = this.sessions.get(sessionId);
    if (!history) return { seeker: 0, specialist: 0 };
    this.deleteAt(sessionId, history, Date.now() + ttlMs);
    const shown = history.messages.filter((m) => !m.hidden);
    return { seeker: shown.filter((m) => m.sender === 'seeker').length, specialist: shown.filter((m) => m.sender === 'specialist').length };
  }

  /** Every history, hidden messages marked, for a snapshot. */
  dump(): HistoryEntry[] {
    return [...this.sessions].map(([sessionId, h]) => ({ sessionId, messages: h.messages.map((m) => ({ ...m })), clientIds: [...h.byClientId], expiresAt: h.expiresAt ?? null }));
  }

  /** Put back histories of a snapshot; one due for deletion is deleted when it would have been. */
  load(entries: readonly HistoryEntry[]): void {
    for (const entry of entries) {
      const history: SessionHistory = { messages: entry.messages.map((m) => ({ ...m })), byClientId: new Map(entry.clientIds) };
      this.sessions.set(entry.sessionId, history);
      if (entry.expiresAt !== null) this.deleteAt(entry.sessionId, history, entry.expiresAt);
    }
  }

  private deleteAt(sessionId: string, history: SessionHistory, at: number): void {
    clearTimeout(history.timer);
    history.expiresAt = at;
    history.timer = setTimeout(() => this.sessions.delete(sessionId), Math.max(0, at - Date.now())).unref();
  }
}

const visible = ({ hidden: _hidden, ...message }: Message & { hidden?: boolean }): Message => ({ ...message });
