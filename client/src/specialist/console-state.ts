import { chatReducer, newChat, type ChatAction, type ChatState } from '../shared/chat-state.js';

/** One chat tab of the specialist console. */
export interface Tab {
  sessionId: string;
  alias: string;
  topic: string | null;
  chat: ChatState;
}

export interface ConsoleState {
  tabs: Tab[];
  active: string | null;
}

export type ConsoleAction =
  | { type: 'assigned'; sessionId: string; alias: string; topic: string | null }
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
      const tabs = existing
        ? state.tabs.map((t) => (t.sessionId === action.sessionId ? { ...t, chat: t.chat.ended ? newChat(action.sessionId) : t.chat } : t))
        : [...state.tabs, { sessionId: action.sessionId, alias: action.alias, topic: action.topic, chat: newChat(action.sessionId) }];
      return { tabs, active: state.active ?? action.sessionId };
    }
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
