import type { Message } from '../../../src/protocol/messages.js';

/** A message on screen: delivered (from the server) or still on its way (`pending`) or not sent (`failed`). */
export interface ShownMessage extends Message {
  clientMsgId?: string;
  pending?: boolean;
  failed?: string;
}

/** A notice is `quiet` when it confirms what the person just did, where they did it: not announced (UX4). */
export type Item = { kind: 'message'; message: ShownMessage } | { kind: 'notice'; id: string; text: string; tone: 'info' | 'warning'; quiet?: boolean };

export type Peer = 'connected' | 'reconnecting' | 'left';

/** One chat as a screen shows it; pure data, changed only by `chatReducer`. */
export interface ChatState {
  sessionId: string;
  items: Item[];
  /** Highest delivered seq: what `chat:resume` asks after. */
  lastSeq: number;
  peerTyping: boolean;
  peer: Peer;
  ended: { endedBy: string; reason: string } | null;
  unread: number;
  urgent: boolean;
  /** Why the chat is urgent, in a few words each ("plan mentioned"), oldest first, no repeats. */
  urgentReasons: string[];
  /** The detector's categories behind it, when it sent them. */
  urgentSigns: string[];
  /**
   * The specialist now in the chat, as the seeker knows them: a live message of theirs is labelled
   * with this name when it comes, so an earlier specialist's words keep theirs after a handover (CH9).
   */
  speaking: string | null;
}

export type ChatAction =
  | { type: 'sending'; clientMsgId: string; text: string; sender: 'seeker' | 'specialist'; at: string }
  | { type: 'sent'; clientMsgId: string; message: Message }
  | { type: 'send-failed'; clientMsgId: string; reason: string }
  | { type: 'retry'; clientMsgId: string }
  | { type: 'message'; message: Message; seen: boolean }
  | { type: 'resumed'; messages: Message[] }
  | { type: 'hidden'; messageId: string }
  | { type: 'typing'; typing: boolean }
  | { type: 'peer'; peer: Peer }
  | { type: 'notice'; id: string; text: string; tone?: 'info' | 'warning'; quiet?: boolean }
  | { type: 'ended'; endedBy: string; reason: string }
  | { type: 'urgent'; reason?: string; categories?: string[] }
  | { type: 'speaking-with'; name: string }
  | { type: 'read' };

export const newChat = (sessionId: string): ChatState => ({
  sessionId,
  items: [],
  lastSeq: 0,
  peerTyping: false,
  peer: 'connected',
  ended: null,
  unread: 0,
  urgent: false,
  urgentReasons: [],
  urgentSigns: [],
  speaking: null,
});

/** A message shown in `me`'s own bubble: theirs, and not an earlier specialist's part of a handed-over chat. */
export const isMine = (m: ShownMessage, me: 'seeker' | 'specialist'): boolean => m.sender === me && !m.earlier;

/**
 * Who said a message, as the screen of `me` names them (CH9): each specialist by the name of the one
 * who wrote it, and on a console the earlier part of a handed-over chat marked as such.
 */
export function senderLabel(m: ShownMessage, me: 'seeker' | 'specialist', peerName: string): string {
  if (m.sender === 'system') return 'Peerline';
  if (isMine(m, me)) return 'You';
  const name = m.sender === 'specialist' ? (m.specialistName ?? (me === 'specialist' ? 'Previous specialist' : peerName)) : peerName;
  return m.earlier ? `${name} (before you joined)` : name;
}

/** A specialist's live message without a name gets the name of the specialist in the chat now. */
const named = (m: Message, speaking: string | null): Message =>
  m.sender === 'specialist' && m.specialistName === undefined && speaking ? { ...m, specialistName: speaking } : m;

const union = (known: string[], more: (string | undefined)[] = []) => [...new Set([...known, ...more.filter((x): x is string => !!x?.trim())])];

const isDelivered = (i: Item): i is { kind: 'message'; message: ShownMessage } => i.kind === 'message' && !i.message.pending && !i.message.failed;

/**
 * The clientMsgId of this screen's own bubble that a delivered message (an echo, a resumed one) is
 * the copy of, with no answer to its send yet: the same sender and words, still on its way, else
 * marked not sent (an answer lost with a dropped connection while the server stored it). Never a
 * second copy on screen (UX3); the send's own answer, when it comes, settles which bubble it was.
 */
function ownBubble(items: Item[], m: Message): string | undefined {
  if (m.sender === 'system' || m.earlier) return undefined;
  const waiting = (i: Item, failed: boolean) =>
    i.kind === 'message' && i.message.sender === m.sender && i.message.text === m.text && (failed ? !!i.message.failed : !!i.message.pending);
  const bubble = items.find((i) => waiting(i, false)) ?? items.find((i) => waiting(i, true));
  return bubble?.kind === 'message' ? bubble.message.clientMsgId : undefined;
}

/**
 * Put a delivered message in its place: replaces the same id or the pending copy with its
 * clientMsgId, else goes after the last delivered message with a lower seq (CH1 order on screen).
 */
function place(items: Item[], message: ShownMessage): Item[] {
  const without = items.filter(
    (i) => !(i.kind === 'message' && (i.message.id === message.id || (message.clientMsgId !== undefined && i.message.clientMsgId === message.clientMsgId))),
  );
  let at = without.length;
  // Pending and failed sends stay at the bottom, below everything delivered.
  while (at > 0 && without[at - 1]!.kind === 'message' && !isDelivered(without[at - 1]!)) at--;
  for (let i = at - 1; i >= 0; i--) {
    const item = without[i]!;
    if (isDelivered(item) && item.message.seq > message.seq) at = i;
    else if (isDelivered(item)) break;
  }
  return [...without.slice(0, at), { kind: 'message' as const, message }, ...without.slice(at)];
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'sending':
      return {
        ...state,
        items: [
          ...state.items,
          {
            kind: 'message',
            message: { id: `local:${action.clientMsgId}`, clientMsgId: action.clientMsgId, sessionId: state.sessionId, seq: 0, sender: action.sender, text: action.text, sentAt: action.at, redacted: false, pending: true },
          },
        ],
      };
    case 'sent': {
      const message: ShownMessage = { ...action.message, clientMsgId: action.clientMsgId };
      const shown = state.items.find((i): i is { kind: 'message'; message: ShownMessage } => i.kind === 'message' && i.message.id === message.id);
      const standIn = shown?.message.clientMsgId;
      // Its echo came first (CH3: the answer and the echo are one message, shown once). If the echo
      // stood in for another bubble of the same words, that bubble is the one still on its way.
      const items =
        standIn !== undefined && standIn !== action.clientMsgId
          ? state.items.map((i) => (i.kind === 'message' && i.message.clientMsgId === action.clientMsgId && i !== shown ? { ...i, message: { ...i.message, id: `local:${standIn}`, clientMsgId: standIn } } : i))
          : state.items.filter((i) => !(i.kind === 'message' && i.message.clientMsgId === action.clientMsgId && i !== shown));
      return { ...state, items: place(items, { ...shown?.message, ...message }), lastSeq: Math.max(state.lastSeq, action.message.seq) };
    }
    case 'send-failed':
      return {
        ...state,
        items: state.items.map((i) =>
          i.kind === 'message' && i.message.clientMsgId === action.clientMsgId && i.message.pending ? { ...i, message: { ...i.message, pending: false, failed: action.reason } } : i,
        ),
      };
    case 'retry':
      return {
        ...state,
        items: state.items.map((i) =>
          i.kind === 'message' && i.message.clientMsgId === action.clientMsgId && i.message.failed ? { ...i, message: { ...i.message, pending: true, failed: undefined } } : i,
        ),
      };
    case 'message': {
      if (state.sessionId && action.message.sessionId !== state.sessionId) return state;
      const known = state.items.some((i) => i.kind === 'message' && i.message.id === action.message.id);
      if (known) return state;
      const message = named(action.message, state.speaking);
      const own = ownBubble(state.items, message);
      if (own) return { ...state, items: place(state.items, { ...message, clientMsgId: own }), lastSeq: Math.max(state.lastSeq, message.seq) };
      const fromPeer = action.message.sender !== 'system';
      return {
        ...state,
        items: place(state.items, message),
        lastSeq: Math.max(state.lastSeq, action.message.seq),
        peerTyping: false,
        unread: action.seen ? 0 : state.unread + (fromPeer ? 1 : 0),
      };
    }
    case 'resumed': {
      let items = state.items;
      let lastSeq = state.lastSeq;
      for (const m of action.messages) {
        if (!items.some((i) => i.kind === 'message' && i.message.id === m.id)) {
          const own = ownBubble(items, m);
          items = place(items, own ? { ...m, clientMsgId: own } : m);
        }
        // The server knows who wrote a message shown already: its name wins over the one guessed live.
        else if (m.specialistName !== undefined || m.earlier) items = items.map((i) => (i.kind === 'message' && i.message.id === m.id ? { ...i, message: { ...i.message, specialistName: m.specialistName, earlier: m.earlier } } : i));
        lastSeq = Math.max(lastSeq, m.seq);
      }
      return { ...state, items, lastSeq };
    }
    case 'hidden':
      return { ...state, items: state.items.filter((i) => !(i.kind === 'message' && i.message.id === action.messageId)) };
    case 'typing':
      return state.ended ? state : { ...state, peerTyping: action.typing };
    case 'peer':
      return { ...state, peer: action.peer, peerTyping: action.peer === 'connected' ? state.peerTyping : false };
    case 'notice':
      if (state.items.some((i) => i.kind === 'notice' && i.id === action.id)) return state;
      return { ...state, items: [...state.items, { kind: 'notice', id: action.id, text: action.text, tone: action.tone ?? 'info', ...(action.quiet ? { quiet: true } : {}) }] };
    case 'ended':
      return { ...state, ended: { endedBy: action.endedBy, reason: action.reason }, peerTyping: false };
    case 'urgent':
      return { ...state, urgent: true, urgentReasons: union(state.urgentReasons, [action.reason]), urgentSigns: union(state.urgentSigns, action.categories) };
    case 'speaking-with':
      return state.speaking === action.name ? state : { ...state, speaking: action.name };
    case 'read':
      return state.unread === 0 ? state : { ...state, unread: 0 };
  }
}

/** Messages the person can still see, delivered and in seq order (for tests and counts). */
export const deliveredTexts = (state: ChatState): string[] =>
  state.items.filter(isDelivered).map((i) => i.message.text);
