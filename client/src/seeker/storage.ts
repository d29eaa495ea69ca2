import type { Item } from '../shared/chat-state.js';

/**
 * The chat as the screen showed it, so a refresh or a server restart never leaves the person
 * with an empty screen (UX3): its messages (those still on their way too, sent once the connection
 * is back), notices, and where they were (in line, in the chat, or cut off by a restart).
 */
export interface SavedChat {
  view: 'queue' | 'chat' | 'lost';
  /** The specialist's display name in the chat now. */
  specialist: string | null;
  items: Item[];
  lastSeq: number;
}

/** What a seeker's tab remembers to resume after a refresh: sessionStorage only, never localStorage or cookies. */
export interface SeekerIdentity {
  token: string;
  alias: string;
  sessionId?: string;
  lastSeq?: number;
  chat?: SavedChat;
}

const KEY = 'peerline.seeker';
/** A long chat keeps its last messages: sessionStorage holds a few megabytes at most. */
const KEEP_ITEMS = 300;

export function loadIdentity(storage: Storage = sessionStorage): SeekerIdentity | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as SeekerIdentity;
    if (typeof parsed.token !== 'string' || typeof parsed.alias !== 'string') return null;
    return Array.isArray(parsed.chat?.items) ? parsed : { ...parsed, chat: undefined };
  } catch {
    return null;
  }
}

export function saveIdentity(identity: SeekerIdentity, storage: Storage = sessionStorage): void {
  const chat = identity.chat && identity.chat.items.length > KEEP_ITEMS ? { ...identity.chat, items: identity.chat.items.slice(-KEEP_ITEMS) } : identity.chat;
  try {
    storage.setItem(KEY, JSON.stringify({ ...identity, chat }));
  } catch {
    // storage full or disabled: the chat still works, it just cannot resume after a refresh
  }
}

export function clearIdentity(storage: Storage = sessionStorage): void {
  try {
    storage.clear();
  } catch {
    // nothing to clear
  }
}
