import type { HandoverInfo, ShiftInfo } from '../../../src/protocol/events.js';
import type { Message } from '../../../src/protocol/messages.js';
import type { ChatAction } from '../shared/chat-state.js';
import { call, type PeerSocket } from '../shared/socket.js';
import type { Announce } from './announcer.js';
import { endedAnnouncement, offlineWords } from './chat-status.js';
import { assignedNotice, type ConsoleAction, type ConsoleState } from './console-state.js';
import { listenForStaffNotes } from './staff-notes.js';

/** What the console's socket events act on. */
export interface ConsoleWiring {
  dispatch(action: ConsoleAction): void;
  /** The console's state as last rendered. */
  state(): ConsoleState;
  /** A polite announcement (UX4). */
  announce: Announce;
  /** Focus the chat's heading if that chat is on screen (UX4). */
  focusChat(sessionId: string): void;
  /** A new chat came: sound and title, if this specialist keeps alerts on (UX5). */
  alert(): void;
  topicLabel(topic: string | null): string;
  signOut(reason: string): void;
  shift(info: ShiftInfo): void;
  stats(stats: { waiting: number; onShift: number }): void;
}

const CAUTION =
  'Caution: this chat comes from a network where someone was banned in the last day. It is most likely someone else; support them as usual and escalate if anything feels wrong.';

/** Wire the specialist's socket to the console: chats arriving, their messages, their people coming and going. */
export function listenToChats(socket: PeerSocket, w: ConsoleWiring): void {
  const chatAction = (sessionId: string, action: ChatAction) => w.dispatch({ type: 'chat', sessionId, action });
  const alias = (sessionId: string) => w.state().tabs.find((t) => t.sessionId === sessionId)?.alias ?? 'a seeker';
  // Each message is announced once, even when it comes again (a resume, a second connection).
  const announced = new Set<string>();

  const resume = async (sessionId: string, afterSeq: number) => {
    const res = await call(socket, 'chat:resume', { sessionId, afterSeq });
    if (res.ok) {
      for (const m of res.messages) announced.add(m.id);
      chatAction(sessionId, { type: 'resumed', messages: res.messages });
      const session = res.session as { status: string; endedBy: string | null; handover?: HandoverInfo };
      if (session.handover) w.dispatch({ type: 'handover', sessionId, handover: session.handover });
      if (session.status === 'ended') chatAction(sessionId, { type: 'ended', endedBy: session.endedBy ?? 'system', reason: '' });
    } else if (res.error.code === 'NOT_FOUND') {
      chatAction(sessionId, { type: 'ended', endedBy: 'system', reason: 'gone' });
    }
  };

  socket.on('connect', () => {
    // After a drop, catch up on every open chat (CH4); chat:restore covers chats we did not know.
    for (const t of w.state().tabs) if (!t.chat.ended) void resume(t.sessionId, t.chat.lastSeq);
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') w.signOut('You were signed out (your session ended or your account changed).');
  });
  socket.on('chat:restore', (e) => {
    for (const c of e.chats) {
      if (w.state().tabs.some((t) => t.sessionId === c.sessionId)) continue;
      w.dispatch({ type: 'assigned', sessionId: c.sessionId, alias: c.seekerAlias, topic: c.topic, at: c.matchedAt ? Date.parse(c.matchedAt) : Date.now() });
      void resume(c.sessionId, 0);
      w.focusChat(c.sessionId);
    }
  });
  socket.on('chat:assigned', (e) => {
    const topic = w.topicLabel(e.topic);
    w.dispatch({ type: 'assigned', sessionId: e.sessionId, alias: e.seekerAlias, topic: e.topic, at: Date.now(), ...(e.handover ? { handover: e.handover } : {}) });
    chatAction(e.sessionId, { type: 'notice', id: `assigned-${Date.now()}`, text: assignedNotice({ ...e, topic }) });
    // CH9: the seeker shared the conversation so far: it loads above, marked as from before.
    if (e.handover?.shared) void resume(e.sessionId, 0);
    // MOD5: a shared address (a shelter, a campus) is not one person: inform, never accuse.
    if (e.caution) chatAction(e.sessionId, { type: 'notice', id: `caution-${e.sessionId}`, text: CAUTION });
    w.announce(`New chat with ${e.seekerAlias}. ${topic}.`);
    w.focusChat(e.sessionId);
    w.alert();
  });
  // CH9: the seeker answered after this specialist joined.
  socket.on('chat:handover', ({ sessionId, ...handover }) => {
    w.dispatch({ type: 'handover', sessionId, handover });
    if (handover.shared) void resume(sessionId, 0);
  });
  socket.on('message:new', (m: Message) => {
    chatAction(m.sessionId, { type: 'message', message: m, seen: document.visibilityState === 'visible' });
    // UX4: who and what, once; never the time or the controls beside it. Their own words are not read back.
    if (m.sender === 'specialist' || announced.has(m.id)) return;
    announced.add(m.id);
    w.announce(`${m.sender === 'system' ? 'Peerline' : alias(m.sessionId)}: ${m.text}`, m.id);
  });
  socket.on('message:hidden', (e) => {
    chatAction(e.sessionId, { type: 'hidden', messageId: e.messageId });
    w.announce.forget(e.messageId);
  });
  socket.on('typing', (e) => e.sender === 'seeker' && chatAction(e.sessionId, { type: 'typing', typing: e.typing }));
  socket.on('chat:peer', (e) => {
    const tab = w.state().tabs.find((t) => t.sessionId === e.sessionId);
    const at = Date.now();
    w.dispatch({ type: 'peer', sessionId: e.sessionId, peer: e.peer, at, ...(e.graceSeconds !== undefined ? { graceSeconds: e.graceSeconds } : {}) });
    if (!tab || tab.chat.ended) return;
    if (e.peer === 'reconnecting' && !tab.away) {
      const words = offlineWords({ ...tab, away: { at, graceSeconds: e.graceSeconds ?? null } }, at);
      w.announce(`${tab.alias} is offline: ${words}.`);
    }
    if (e.peer === 'connected' && tab.away) w.announce(`${tab.alias} is back online.`);
  });
  socket.on('chat:ended', (e) => {
    const tab = w.state().tabs.find((t) => t.sessionId === e.sessionId);
    chatAction(e.sessionId, { type: 'ended', endedBy: e.endedBy, reason: e.reason });
    if (tab && !tab.chat.ended) w.announce(endedAnnouncement(tab.alias, e.endedBy));
    w.focusChat(e.sessionId);
  });
  socket.on('chat:urgent', (e) => {
    chatAction(e.sessionId, { type: 'urgent', reason: e.reason, ...(e.categories ? { categories: e.categories } : {}) });
    w.announce(`Urgent: ${e.reason}, in the chat with ${alias(e.sessionId)}.`);
  });
  socket.on('warning', (e) => chatAction(e.sessionId, { type: 'notice', id: `warning-${Date.now()}`, text: e.text, tone: 'warning' }));
  listenForStaffNotes(socket, chatAction, (text) => w.announce(text));
  socket.on('shift:update', w.shift);
  socket.on('queue:stats', (e) => w.stats({ waiting: e.waiting, onShift: e.onShift }));
}
