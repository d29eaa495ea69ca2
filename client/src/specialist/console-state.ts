import type { HandoverInfo } from '../../../src/protocol/events.js';
import { chatReducer, newChat, type ChatAction, type ChatState, type Peer } from '../shared/chat-state.js';

/** One chat tab of the specialist console. */
export interface Tab {
  sessionId: string;
  alias: string;
  topic: string | null;
  chat: ChatState;
  /** CH9: how the chat came to this specialist from another (staff only). */
  handover?: HandoverInfo;
  /** When the chat came to this specialist (epoch ms): a seeker not yet greeted waits from then (UX5). */
  since: number;
  /** UX5: the seeker's connection dropped at `at` (this device's clock), with `graceSeconds` to come back. */
  away: { at: number; graceSeconds: number | null } | null;
  /** UX5: when the seeker came back after a drop, for a short "back online". */
  backAt: number | null;
}

export interface ConsoleState {
  tabs: Tab[];
  active: string | null;
}

export type ConsoleAction =
  | { type: 'assigned'; sessionId: string; alias: string; topic: string | null; at: number; handover?: HandoverInfo }
  | { type: 'peer'; sessionId: string; peer: Peer; at: number; graceSeconds?: number }
  | { type: 'handover'; sessionId: string; handover: HandoverInfo }
  | { type: 'chat'; sessionId: string; action: ChatAction }
  | { type: 'select'; sessionId: string }
  | { type: 'close'; sessionId: string };

export const emptyConsole: ConsoleState = { tabs: [], active: null };

/**
 * Several chats at once: a new one opens a tab (selected when none is); a message to a tab that is
 * not on screen counts as unread; selecting a tab reads it.
 */
export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'assigned': {
      const existing = state.tabs.find((t) => t.sessionId === action.sessionId);
      // A chat assigned again (a transfer back, a restore after reconnect) reopens its tab.
      const fresh = { chat: newChat(action.sessionId), handover: action.handover, since: action.at, away: null, backAt: null };
      const tabs = existing
        ? state.tabs.map((t) => (t.sessionId !== action.sessionId ? t : t.chat.ended ? { ...t, ...fresh } : { ...t, handover: action.handover ?? t.handover }))
        : [...state.tabs, { sessionId: action.sessionId, alias: action.alias, topic: action.topic, ...fresh }];
      return { tabs, active: state.active ?? action.sessionId };
    }
    case 'peer': {
      const tab = state.tabs.find((t) => t.sessionId === action.sessionId);
      if (!tab) return state;
      const chat = chatReducer(tab.chat, { type: 'peer', peer: action.peer });
      // A repeated "reconnecting" keeps the first drop's time: the grace counts from then.
      const away = action.peer === 'connected' ? null : (tab.away ?? { at: action.at, graceSeconds: action.graceSeconds ?? null });
      const backAt = action.peer === 'connected' && tab.away ? action.at : action.peer === 'connected' ? tab.backAt : null;
      return { ...state, tabs: state.tabs.map((t) => (t === tab ? { ...t, chat, away, backAt } : t)) };
    }
    case 'handover':
      return { ...state, tabs: state.tabs.map((t) => (t.sessionId === action.sessionId ? { ...t, handover: action.handover } : t)) };
    case 'chat': {
      const tab = state.tabs.find((t) => t.sessionId === action.sessionId);
      if (!tab) return state;
      const inner: ChatAction = action.action.type === 'message' ? { ...action.action, seen: state.active === action.sessionId && action.action.seen } : action.action;
      const chat = chatReducer(tab.chat, inner);
      return chat === tab.chat ? state : { ...state, tabs: state.tabs.map((t) => (t === tab ? { ...t, chat } : t)) };
    }
    case 'select':
      return {
        active: action.sessionId,
        tabs: state.tabs.map((t) => (t.sessionId === action.sessionId ? { ...t, chat: chatReducer(t.chat, { type: 'read' }) } : t)),
      };
    case 'close': {
      const tabs = state.tabs.filter((t) => t.sessionId !== action.sessionId);
      return { tabs, active: state.active === action.sessionId ? (tabs[0]?.sessionId ?? null) : state.active };
    }
  }
}

/** Unread messages over all tabs, for the title. */
export const totalUnread = (s: ConsoleState) => s.tabs.reduce((n, t) => n + t.chat.unread, 0);

/** The urgent marker's words, for a tab and its panel: "Urgent: plan mentioned". */
export const urgentLabel = (chat: ChatState): string => (chat.urgentReasons.length ? `Urgent: ${chat.urgentReasons.join(', ')}` : 'Urgent');

/** The detector's categories that add to the reasons (a sign a reason already names is not repeated). */
export const urgentSigns = (chat: ChatState): string[] => chat.urgentSigns.filter((sign) => !chat.urgentReasons.some((r) => r.includes(sign)));

/** Waiting time in words: "with no wait", "after waiting 40 s", "after waiting 3 min". */
export function waitedWords(seconds: number): string {
  if (seconds < 5) return 'with no wait';
  return seconds < 90 ? `after waiting ${seconds} s` : `after waiting ${Math.round(seconds / 60)} min`;
}

/**
 * The console's line for a new chat. One handed over (CH9) says from whom; its wait counts from
 * when it went back into the line, so "0 s" is never shown as if the seeker had just arrived.
 */
export function assignedNotice(e: { seekerAlias: string; topic: string | null; waitedSeconds: number; handover?: HandoverInfo }): string {
  const topic = `Topic: ${e.topic ?? 'any'}.`;
  if (!e.handover) return `${e.seekerAlias} joined ${waitedWords(e.waitedSeconds)}. ${topic}`;
  const from = e.handover.from ?? 'another specialist';
  const how = e.handover.kind === 'switch' ? `asked to talk to someone other than ${from}` : `was transferred to you by ${from}`;
  const waited = e.waitedSeconds < 5 ? '' : ` (back in line ${e.waitedSeconds < 90 ? `${e.waitedSeconds} s` : `${Math.round(e.waitedSeconds / 60)} min`})`;
  return `${e.seekerAlias} ${how}${waited}. ${topic}`;
}
