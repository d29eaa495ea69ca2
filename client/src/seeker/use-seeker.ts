import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { Resource } from '../../../src/protocol/http.js';
import type { Message } from '../../../src/protocol/messages.js';
import { ApiError, api } from '../shared/api.js';
import { newChat } from '../shared/chat-state.js';
import { passes, refusalOf } from '../shared/connection.js';
import { explain, explainError } from '../shared/errors.js';
import { call, connect, type PeerSocket } from '../shared/socket.js';
import { answeredNotice, asksHandover, requeuedNotice, type HandoverAsk } from './handover.js';
import { useOutbox } from './outbox.js';
import { chatOrReset, LOST_IN_LINE, statusOf, UNKNOWN, type Screen } from './seeker-state.js';
import { clearIdentity, loadIdentity, saveIdentity, type SeekerIdentity } from './storage.js';

/** The seeker's whole journey: start, wait, chat, end, rate; resumes after a refresh or a drop. */
export function useSeeker() {
  const [screen, setScreen] = useState<Screen>({ name: 'landing' });
  const [chat, dispatch] = useReducer(chatOrReset, newChat(''));
  const [socket, setSocket] = useState<PeerSocket | null>(null);
  const [resources, setResources] = useState<Resource[] | null>(null);
  // CH9: asked after a transfer or a switch; nothing is shared until the seeker says yes.
  const [handover, setHandover] = useState<HandoverAsk | null>(null);
  const identity = useRef<SeekerIdentity | null>(null);
  const request = useRef<{ topic?: string } | null>(null);
  const outbox = useOutbox(dispatch);
  // Read by socket handlers, which outlive a render.
  const current = useRef({ chat, screen });
  current.current = { chat, screen };

  // Quick exit: from the moment the page is blanked nothing is written to storage again, whatever
  // the chat's last events still change on the way out.
  const exited = useRef(false);
  const remember = (patch: Partial<SeekerIdentity>) => {
    if (!identity.current || exited.current) return;
    identity.current = { ...identity.current, ...patch };
    saveIdentity(identity.current);
  };

  /**
   * The chat's id, from whichever comes first: the chat:request answer or, on an instant match,
   * chat:matched (which can arrive before the answer; the seeker may already be typing).
   */
  const learnSession = (sessionId: string) => {
    if (!identity.current || identity.current.sessionId === sessionId) return;
    remember({ sessionId, lastSeq: 0 });
    dispatch({ type: 'reset', sessionId });
  };

  const socketRef = useRef<PeerSocket | null>(null);
  const forget = useCallback((notice?: string) => {
    socketRef.current?.close();
    socketRef.current = null;
    setSocket(null);
    identity.current = null;
    clearIdentity();
    setHandover(null);
    dispatch({ type: 'reset', sessionId: '' });
    setScreen({ name: 'landing', ...(notice ? { notice } : {}) });
  }, []);

  /**
   * UX3: the server no longer knows this chat (a restart of a single node forgot its token, or its
   * history expired). What was said stays on screen, read-only, with a way to start again; with
   * nothing said yet, the landing says what happened. An ended chat stays ended.
   */
  const lose = () => {
    socketRef.current?.close();
    setHandover(null);
    const { chat: shown, screen: now } = current.current;
    if (now.name === 'ended' || now.name === 'lost' || now.name === 'gone') return;
    if (!shown.items.some((i) => i.kind === 'message')) return forget(LOST_IN_LINE);
    setScreen({ name: 'lost', specialist: now.name === 'chat' ? now.specialist : (shown.speaking ?? 'your specialist') });
  };

  /** After (re)connecting: ask for a chat the first time, else resume the one we have (CH4). */
  const onConnect = async (s: PeerSocket) => {
    const id = identity.current;
    if (!id) return;
    if (!id.sessionId && request.current) {
      const res = await call(s, 'chat:request', request.current);
      if (!res.ok) {
        setScreen({ name: 'landing', notice: explain(res.error.code, res.error.message) });
        return;
      }
      request.current = null;
      learnSession(res.sessionId);
      setScreen((cur) => (cur.name === 'starting' ? { name: 'queue', ...statusOf(res) } : cur));
      return;
    }
    if (!id.sessionId) return;
    const res = await call(s, 'chat:resume', { sessionId: id.sessionId, afterSeq: id.lastSeq ?? 0 });
    if (!res.ok) {
      if (res.error.code === 'NOT_FOUND') lose();
      return;
    }
    const session = res.session as { status: string; specialist: { displayName: string } | null; endedBy: string | null };
    if (session.specialist) dispatch({ type: 'speaking-with', name: session.specialist.displayName });
    dispatch({ type: 'resumed', messages: res.messages });
    if (session.status === 'waiting') setScreen((cur) => (cur.name === 'queue' ? cur : { name: 'queue', ...UNKNOWN }));
    else if (session.status === 'active') setScreen({ name: 'chat', specialist: session.specialist?.displayName ?? 'your specialist' });
    else setScreen((cur) => (cur.name === 'ended' ? cur : { name: 'ended', endedBy: session.endedBy ?? 'system', reason: '', rated: false }));
    // Messages kept from before a refresh, written offline, go now (the ones of this page are on their way already).
    if (session.status === 'active') outbox.resend({ socket: s, sessionId: id.sessionId }, current.current.chat);
  };

  const open = (token: string) => {
    const s = connect({ token });
    s.on('connect', () => void onConnect(s));
    s.on('connect_error', (err) => {
      // Network errors are retried by Socket.IO; too many tabs or a brief outage by the page (the
      // banner says which). A refused token is final: the server forgot this seeker.
      if (!s.active && !passes(refusalOf(err).code)) lose();
    });
    s.on('queue:update', (e) => setScreen((cur) => (cur.name === 'queue' && e.sessionId === identity.current?.sessionId ? { ...cur, ...statusOf(e) } : cur)));
    s.on('chat:matched', (e) => {
      learnSession(e.sessionId);
      dispatch({ type: 'speaking-with', name: e.specialist.displayName });
      dispatch({ type: 'notice', id: `matched-${Date.now()}`, text: `You are now talking with ${e.specialist.displayName}, a peer specialist.` });
      setScreen({ name: 'chat', specialist: e.specialist.displayName });
    });
    s.on('message:new', (m: Message) => dispatch({ type: 'message', message: m, seen: true }));
    s.on('message:hidden', (e) => dispatch({ type: 'hidden', messageId: e.messageId }));
    s.on('typing', (e) => e.sender === 'specialist' && dispatch({ type: 'typing', typing: e.typing }));
    s.on('chat:peer', (e) => {
      dispatch({ type: 'peer', peer: e.peer });
      if (e.peer === 'reconnecting') dispatch({ type: 'notice', id: `peer-${Date.now()}`, text: 'Your specialist lost their connection and is reconnecting. Please hold on.', tone: 'warning' });
      if (e.peer === 'connected') dispatch({ type: 'notice', id: `peer-${Date.now()}`, text: 'Your specialist is back.' });
    });
    s.on('chat:requeued', (e) => {
      dispatch({ type: 'notice', id: `requeued-${Date.now()}`, text: 'You are back at the front of the line for the next specialist.', tone: 'warning' });
      setScreen({ name: 'queue', ...UNKNOWN, position: e.position, notice: requeuedNotice(e.kind ?? (e.reason === 'switch' ? 'switch' : 'specialist_disconnected')) });
      setHandover(asksHandover(e.kind) ? { answer: null } : null);
    });
    s.on('chat:ended', (e) => {
      setHandover(null);
      setScreen({ name: 'ended', endedBy: e.endedBy, reason: e.reason, rated: false });
    });
    s.on('safety:resources', (e) => setResources(e.resources));
    s.on('warning', (e) => dispatch({ type: 'notice', id: `warning-${Date.now()}`, text: e.text, tone: 'warning' }));
    socketRef.current = s;
    setSocket(s);
    return s;
  };

  // Resume a chat this tab already had (refresh): what was on screen shows at once, then catches up.
  useEffect(() => {
    const saved = loadIdentity();
    if (!saved?.sessionId) return;
    identity.current = saved;
    dispatch({ type: 'reset', sessionId: saved.sessionId });
    const kept = saved.chat;
    if (!kept) remember({ lastSeq: 0 });
    else dispatch({ type: 'restore', saved: kept });
    const specialist = kept?.specialist ?? 'your specialist';
    if (kept?.view === 'lost') return setScreen({ name: 'lost', specialist });
    setScreen(kept?.view === 'chat' ? { name: 'chat', specialist } : kept?.view === 'queue' ? { name: 'queue', ...UNKNOWN } : { name: 'starting' });
    open(saved.token);
  }, []);

  // Keep what is on screen for a refresh (UX3), in this tab's sessionStorage only; an ended chat's
  // words go from there as they go from the server (the end screen does not show them).
  useEffect(() => {
    if (!identity.current?.sessionId || identity.current.sessionId !== chat.sessionId) return;
    if (screen.name === 'ended' && identity.current.chat) return remember({ chat: undefined });
    const view = screen.name === 'chat' || screen.name === 'lost' || screen.name === 'queue' ? screen.name : null;
    if (!view) return;
    const specialist = screen.name === 'chat' || screen.name === 'lost' ? screen.specialist : chat.speaking;
    remember({ chat: { view, specialist, items: chat.items, lastSeq: chat.lastSeq } });
  }, [chat.items, chat.lastSeq, screen]);

  // Keep lastSeq current for the next resume.
  useEffect(() => {
    if (identity.current?.sessionId === chat.sessionId && chat.lastSeq > (identity.current.lastSeq ?? 0)) remember({ lastSeq: chat.lastSeq });
  }, [chat.lastSeq]);

  const start = async (topic?: string) => {
    setScreen({ name: 'starting' });
    try {
      const created = await api<{ token: string; alias: string }>('/seekers', { method: 'POST' });
      identity.current = { token: created.token, alias: created.alias };
      saveIdentity(identity.current);
      request.current = topic ? { topic } : {};
      open(created.token);
    } catch (err) {
      setScreen({ name: 'landing', notice: explainError(err, 'UNAVAILABLE') });
      // MOD5: refused a new chat, the person is shown the crisis lines the server sent with the reason.
      if (err instanceof ApiError && err.resources?.length) setResources(err.resources);
    }
  };

  // Read at call time, not render time: an instant match can show the chat before a re-render.
  const live = () => {
    const sessionId = identity.current?.sessionId;
    const socket = socketRef.current;
    return socket && sessionId ? { socket, sessionId } : null;
  };
  /** Online or not: the message shows at once and goes when the connection is there (UX3). */
  const send = (text: string, clientMsgId?: string) => {
    const open = live();
    if (open) outbox.send(open, current.current.chat, text, clientMsgId);
  };

  const act = async (event: 'chat:end' | 'chat:cancel'): Promise<string | null> => {
    const open = live();
    if (!open) return null;
    const { socket, sessionId } = open;
    const res = await call(socket, event, { sessionId });
    if (!res.ok) return explain(res.error.code, res.error.message);
    if (event === 'chat:cancel') forget('You left the line. You can come back any time.');
    return null;
  };

  /**
   * "Talk to someone else": chat:requeued (and maybe chat:matched) arrive before this answer and set
   * the screen; the answer then brings the wait and who is on shift.
   */
  const switchSpecialist = async (): Promise<string | null> => {
    const open = live();
    if (!open) return null;
    const res = await call(open.socket, 'chat:switch', { sessionId: open.sessionId });
    if (!res.ok) return explain(res.error.code, res.error.message);
    setScreen((cur) => (cur.name === 'queue' ? { ...cur, ...statusOf(res) } : cur));
    return null;
  };

  const rate = async (rating: number, feedback: string): Promise<string | null> => {
    const open = live();
    if (!open) return null;
    const { socket, sessionId } = open;
    const res = await call(socket, 'chat:rate', { sessionId, rating, ...(feedback ? { feedback } : {}) });
    if (!res.ok) return explain(res.error.code, res.error.message);
    setScreen((cur) => (cur.name === 'ended' ? { ...cur, rated: true } : cur));
    return null;
  };

  const report = async (messageId: string, reason: string, note: string): Promise<string | null> => {
    const open = live();
    if (!open) return null;
    const { socket, sessionId } = open;
    const res = await call(socket, 'message:report', { sessionId, messageId, reason, ...(note ? { note } : {}) });
    return res.ok ? null : explain(res.error.code, res.error.message);
  };

  /** CH9: the seeker's answer to "can the next person read our conversation so far?". */
  const answerHandover = async (share: boolean): Promise<string | null> => {
    const open = live();
    if (!open) return null;
    const res = await call(open.socket, 'chat:handover', { sessionId: open.sessionId, share });
    if (!res.ok) return explain(res.error.code, res.error.message);
    setHandover({ answer: share });
    // Quiet: the person just answered, and focus goes on to the message box.
    dispatch({ type: 'notice', id: `handover-${Date.now()}`, text: answeredNotice(share), quiet: true });
    return null;
  };

  /** For quick exit: end or cancel whatever is open, as fast as possible. */
  const leave = async () => {
    const open = live();
    if (!open) return;
    const { socket, sessionId } = open;
    if (screen.name === 'queue' || screen.name === 'starting') await call(socket, 'chat:cancel', { sessionId }, 500);
    else if (screen.name === 'chat') await call(socket, 'chat:end', { sessionId }, 500);
  };

  return {
    screen, chat, socket, resources, handover, alias: identity.current?.alias ?? null,
    start, send, act, switchSpecialist, rate, report, leave, answerHandover,
    typing: (typing: boolean) => {
      const open = live();
      open?.socket.emit('typing', { sessionId: open.sessionId, typing });
    },
    newChat: () => forget(),
    /** From a chat the server lost: straight back into the line. */
    startAgain: () => {
      forget();
      void start();
    },
    dismissResources: () => setResources(null),
    gone: () => {
      exited.current = true;
      setScreen({ name: 'gone' });
    },
  };
}
