import { chatReducer, newChat, type ChatAction, type ChatState } from '../shared/chat-state.js';
import type { QueueStatus } from './eta.js';
import type { SavedChat } from './storage.js';

/** The screens of the seeker's page, with what each shows. */
export type Screen =
  | { name: 'landing'; notice?: string }
  | { name: 'starting' }
  | ({ name: 'queue'; notice?: string } & QueueStatus)
  | { name: 'chat'; specialist: string }
  | { name: 'ended'; endedBy: string; reason: string; rated: boolean }
  /** UX3: the chat is gone from the server (a restart forgot it): its transcript stays, read-only. */
  | { name: 'lost'; specialist: string }
  | { name: 'gone' };

/** Said on the landing when the line was lost with nothing written yet. */
export const LOST_IN_LINE = 'The connection was lost when the service restarted. You can start a new chat now.';

/** Nothing known yet about the line (a resume, a re-queue): no place and no wait are shown. */
export const UNKNOWN: QueueStatus = { position: null, etaSeconds: null, onShift: null };

/**
 * Place, wait and who is on shift, always from the same answer or push (so they never disagree on
 * one screen); a server without `onShift` yet reads as unknown.
 */
export const statusOf = (e: { position: number; etaSeconds: number | null; onShift?: number }): QueueStatus => ({
  position: e.position,
  etaSeconds: e.etaSeconds,
  onShift: typeof e.onShift === 'number' ? e.onShift : null,
});

type SeekerChatAction = ChatAction | { type: 'reset'; sessionId: string } | { type: 'restore'; saved: SavedChat };

/** Reset the chat state when the session changes, restore it from before a refresh; otherwise apply the action. */
export const chatOrReset = (state: ChatState, action: SeekerChatAction) => {
  if (action.type === 'restore') return { ...state, items: action.saved.items, lastSeq: action.saved.lastSeq, speaking: action.saved.specialist };
  if (action.type !== 'reset') return chatReducer(state, action);
  // Events can beat the chat:request answer (an instant match): keep what arrived before we knew the id.
  return state.sessionId === '' ? { ...state, sessionId: action.sessionId } : state.sessionId === action.sessionId ? state : newChat(action.sessionId);
};
