import type { HandoverInfo } from '../../protocol/events.js';
import type { Message } from '../../protocol/messages.js';
import type { EarlierPart, SessionRecord } from './types.js';

/** CH9: what the specialist a chat was handed over to is told of it; undefined when it was not. */
export const handoverInfo = (session: SessionRecord): HandoverInfo | undefined =>
  session.handover ? { note: session.handover.note, shared: session.handover.shared, from: session.handover.from || null, kind: session.handover.kind } : undefined;

/** Every specialist part of the chat, oldest first: the earlier ones, then the current one. */
const partsOf = (session: SessionRecord): EarlierPart[] => {
  const parts = session.earlier ?? [];
  return session.specialistName && session.matchedAt !== null ? [...parts, { name: session.specialistName, from: session.matchedAt }] : parts;
};

/** The name of the specialist whose part a moment falls in; null before the first one kept. */
const nameAt = (parts: readonly EarlierPart[], at: number): string | null => {
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.from <= at) return parts[i]!.name || null;
  return null;
};

/**
 * The messages of a `chat:resume` as `forStaff` or the seeker may see them. Each specialist's
 * message names who wrote it, so the earlier specialist's words keep the earlier name. A
 * specialist sees the messages from before they joined only when the seeker shared them (CH9),
 * marked `earlier`; otherwise only their own part (PRIV5). Parts are told apart by time: a
 * specialist's message is stored only while they are in the chat, and none while it waits.
 */
export function visibleMessages(session: SessionRecord, messages: readonly Message[], forStaff: boolean): Message[] {
  const parts = partsOf(session);
  const joined = forStaff ? session.matchedAt : null;
  const shared = session.handover?.shared === true;
  const out: Message[] = [];
  for (const m of messages) {
    const at = Date.parse(m.sentAt);
    const earlier = joined !== null && at < joined;
    if (earlier && !shared) continue;
    const named = m.sender === 'specialist' ? { ...m, specialistName: nameAt(parts, at) } : m;
    out.push(earlier ? { ...named, earlier: true } : named);
  }
  return out;
}
