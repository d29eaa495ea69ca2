import { withFields } from '../../core/with-fields.js';
import type { AppendResult, LiveHistory, MessageCounts, MessageDraft, Writer } from '../../core/ports/live-history.js';
import type { Message } from '../../protocol/messages.js';

interface SessionHistory {
  messages: (Message & { hidden?: boolean })[];
  byClientId: Map<string, number>;
  timer?: NodeJS.Timeout;
}

/** Single-node LiveHistory. */
export class MemoryLiveHistory implements LiveHistory {
  private readonly sessions = new Map<string, SessionHistory>();

  /** `isLive` answers from the node's MatchStore; without one every session counts as live. */
  constructor(private readonly isLive: (sessionId: string, writer: Writer) => boolean = () => true) {}

  async appendIfLive(draft: MessageDraft, writer: Writer): Promise<AppendResult | null> {
    return this.isLive(draft.sessionId, writer) ? this.append(draft) : null;
  }

  async append(draft: MessageDraft): Promise<AppendResult> {
    let history = this.sessions.get(draft.sessionId);
    if (!history) this.sessions.set(draft.sessionId, (history = { messages: [], byClientId: new Map() }));
    const known = history.byClientId.get(draft.clientMsgId);
    if (known !== undefined) return { message: visible(history.messages[known - 1]!), duplicate: true };
    const { clientMsgId, ...fields } = draft;
    const message: Message = withFields(fields, { seq: history.messages.length + 1 });
    history.messages.push(message);
    history.byClientId.set(clientMsgId, message.seq);
    return { message: { ...message }, duplicate: false };
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
    clearTimeout(history.timer);
    history.timer = setTimeout(() => this.sessions.delete(sessionId), ttlMs).unref();
    const shown = history.messages.filter((m) => !m.hidden);
    return { seeker: shown.filter((m) => m.sender === 'seeker').length, specialist: shown.filter((m) => m.sender === 'specialist').length };
  }
}

const visible = ({ hidden: _hidden, ...message }: Message & { hidden?: boolean }): Message => ({ ...message });
