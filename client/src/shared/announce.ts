import { useEffect, useRef, useState } from 'preact/hooks';
import { isMine, senderLabel, type ChatState, type Item } from './chat-state.js';

/** Lines kept in a live region: older ones go (removals are not read), so it stays small. */
const KEEP = 5;

/** An item's identity for announcing: a delivered message's id (not its key, which can change), a notice's id. */
const idOf = (item: Item): string | null => (item.kind === 'notice' ? `notice:${item.id}` : item.message.pending || item.message.failed ? null : item.message.id);

/**
 * What a screen reader says for a new item (UX4): "<sender>: <text>" for a message of the other
 * side (or of Peerline), a notice's words; nothing for the person's own messages, which they wrote,
 * nor for a notice that confirms what they just did.
 */
export function announcement(item: Item, me: 'seeker' | 'specialist', peerName: string): string | null {
  if (item.kind === 'notice') return item.quiet ? null : item.text;
  const m = item.message;
  if (m.pending || m.failed || isMine(m, me)) return null;
  return `${senderLabel(m, me, peerName)}: ${m.text}`;
}

export interface Line {
  id: number;
  text: string;
  /** The item it says: a message hidden by a moderator (MOD5) takes its line with it. */
  of: string;
}

/**
 * The lines to put in a polite live region for a chat's new items, each said once: what was on
 * screen when it mounted (a resumed history, a tab switched to) is not read again; a delivered
 * message is known by its id, so its bubble turning from "Sending…" to "Delivered" is not news.
 */
export function useAnnouncements(chat: ChatState, me: 'seeker' | 'specialist', peerName: string, enabled: boolean): Line[] {
  const seen = useRef<Set<string> | null>(null);
  const counter = useRef(0);
  const [lines, setLines] = useState<Line[]>([]);
  useEffect(() => {
    const first = seen.current === null;
    const known = (seen.current ??= new Set());
    const present = new Set<string>();
    const fresh: Line[] = [];
    for (const item of chat.items) {
      const id = idOf(item);
      if (id === null) continue;
      present.add(id);
      if (known.has(id)) continue;
      known.add(id);
      const text = first || !enabled ? null : announcement(item, me, peerName);
      if (text) fresh.push({ id: ++counter.current, text, of: id });
    }
    if (fresh.length || lines.some((l) => !present.has(l.of))) setLines((l) => [...l.filter((x) => present.has(x.of)), ...fresh].slice(-KEEP));
  }, [chat.items, enabled]);
  return lines;
}
