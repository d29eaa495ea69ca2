import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { HandoverInfo, ShiftInfo } from '../../../src/protocol/events.js';
import type { Message } from '../../../src/protocol/messages.js';
import { readCatalog } from '../shared/catalog.js';
import type { ChatAction } from '../shared/chat-state.js';
import { Banner } from '../shared/components/Banner.js';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.js';
import { explain } from '../shared/errors.js';
import { useConnection } from '../shared/hooks.js';
import { call, lazySocket, type PeerSocket } from '../shared/socket.js';
import type { StaffMember } from '../shared/staff-session.js';
import { ChatPanel, type ChatActions } from './ChatPanel.js';
import { assignedNotice, consoleReducer, emptyConsole, totalUnread, type ConsoleState } from './console-state.js';
import { playTone, titleWith } from './notify.js';
import { ShiftPanel } from './ShiftPanel.js';
import { Tabs } from './Tabs.js';
import { listenForStaffNotes } from './staff-notes.js';

const catalog = readCatalog();
const BASE_TITLE = document.title;
const failed = (res: { ok: boolean; error?: { code: Parameters<typeof explain>[0]; message: string } }) => (res.ok ? null : explain(res.error!.code, res.error!.message));

/** The specialist's console: shift, queue numbers, and several chats as tabs. */
export function Console({ staff, signOut }: { staff: StaffMember; signOut: (reason?: string) => Promise<void> }) {
  const socket = useMemo<PeerSocket>(lazySocket, []);
  const connection = useConnection(socket);
  const [state, dispatch] = useReducer(consoleReducer, emptyConsole);
  const [shift, setShift] = useState<ShiftInfo | null>(null);
  const [stats, setStats] = useState<{ waiting: number; onShift: number } | null>(null);
  const [alerts, setAlerts] = useState(false);
  const [newChats, setNewChats] = useState(0);
  const [announce, setAnnounce] = useState('');
  const current = useRef<ConsoleState>(state);
  current.current = state;
  const alertsOn = useRef(alerts);
  alertsOn.current = alerts;

  const resume = async (sessionId: string, afterSeq: number) => {
    const res = await call(socket, 'chat:resume', { sessionId, afterSeq });
    if (res.ok) {
      dispatch({ type: 'chat', sessionId, action: { type: 'resumed', messages: res.messages } });
      const session = res.session as { status: string; endedBy: string | null; handover?: HandoverInfo };
      if (session.handover) dispatch({ type: 'handover', sessionId, handover: session.handover });
      if (session.status === 'ended') dispatch({ type: 'chat', sessionId, action: { type: 'ended', endedBy: session.endedBy ?? 'system', reason: '' } });
    } else if (res.error.code === 'NOT_FOUND') {
      dispatch({ type: 'chat', sessionId, action: { type: 'ended', endedBy: 'system', reason: 'gone' } });
    }
  };

  useEffect(() => {
    const chatAction = (sessionId: string, action: ChatAction) => dispatch({ type: 'chat', sessionId, action });
    socket.on('connect', () => {
      // After a drop, catch up on every open chat (CH4); chat:restore covers chats we did not know.
      for (const t of current.current.tabs) if (!t.chat.ended) void resume(t.sessionId, t.chat.lastSeq);
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') void signOut('You were signed out (your session ended or your account changed).');
    });
    socket.on('chat:restore', (e) => {
      for (const c of e.chats) {
        if (current.current.tabs.some((t) => t.sessionId === c.sessionId)) continue;
        dispatch({ type: 'assigned', sessionId: c.sessionId, alias: c.seekerAlias, topic: c.topic });
        void resume(c.sessionId, 0);
      }
    });
    socket.on('chat:assigned', (e) => {
      dispatch({ type: 'assigned', sessionId: e.sessionId, alias: e.seekerAlias, topic: e.topic, ...(e.handover ? { handover: e.handover } : {}) });
      chatAction(e.sessionId, { type: 'notice', id: `assigned-${Date.now()}`, text: assignedNotice(e) });
      // CH9: the seeker shared the conversation so far: it loads above, marked as from before.
      if (e.handover?.shared) void resume(e.sessionId, 0);
      // MOD5: a shared address (a shelter, a campus) is not one person: inform, never accuse.
      if (e.caution) chatAction(e.sessionId, { type: 'notice', id: `caution-${e.sessionId}`, text: 'Caution: this chat comes from a network where someone was banned in the last day. It is most likely someone else; support them as usual and escalate if anything feels wrong.' });
      setAnnounce(`New chat with ${e.seekerAlias}`);
      if (alertsOn.current) {
        playTone();
        setNewChats((n) => n + 1);
      }
    });
    // CH9: the seeker answered after this specialist joined.
    socket.on('chat:handover', ({ sessionId, ...handover }) => {
      dispatch({ type: 'handover', sessionId, handover });
      if (handover.shared) void resume(sessionId, 0);
    });
    socket.on('message:new', (m: Message) => chatAction(m.sessionId, { type: 'message', message: m, seen: document.visibilityState === 'visible' }));
    socket.on('message:hidden', (e) => chatAction(e.sessionId, { type: 'hidden', messageId: e.messageId }));
    socket.on('typing', (e) => e.sender === 'seeker' && chatAction(e.sessionId, { type: 'typing', typing: e.typing }));
    socket.on('chat:peer', (e) => chatAction(e.sessionId, { type: 'peer', peer: e.peer }));
    socket.on('chat:ended', (e) => chatAction(e.sessionId, { type: 'ended', endedBy: e.endedBy, reason: e.reason }));
    socket.on('chat:urgent', (e) => {
      chatAction(e.sessionId, { type: 'urgent', reason: e.reason, ...(e.categories ? { categories: e.categories } : {}) });
      const alias = current.current.tabs.find((t) => t.sessionId === e.sessionId)?.alias ?? 'a seeker';
      setAnnounce(`Urgent: ${e.reason}, in the chat with ${alias}.`);
    });
    socket.on('warning', (e) => chatAction(e.sessionId, { type: 'notice', id: `warning-${Date.now()}`, text: e.text, tone: 'warning' }));
    listenForStaffNotes(socket, chatAction, setAnnounce);
    socket.on('shift:update', setShift);
    socket.on('queue:stats', (e) => setStats({ waiting: e.waiting, onShift: e.onShift }));
    socket.connect();
    return () => void socket.close();
  }, [socket]);

  useEffect(() => {
    document.title = titleWith(BASE_TITLE, newChats + totalUnread(state));
  }, [newChats, state]);
  useEffect(() => {
    const seen = () => document.visibilityState === 'visible' && setNewChats(0);
    document.addEventListener('visibilitychange', seen);
    window.addEventListener('focus', seen);
    return () => {
      document.removeEventListener('visibilitychange', seen);
      window.removeEventListener('focus', seen);
    };
  }, []);

  const actions: ChatActions = {
    send: async (sessionId, text, clientMsgId = crypto.randomUUID()) => {
      const tab = current.current.tabs.find((t) => t.sessionId === sessionId);
      const retry = tab?.chat.items.some((i) => i.kind === 'message' && i.message.clientMsgId === clientMsgId);
      dispatch({ type: 'chat', sessionId, action: retry ? { type: 'retry', clientMsgId } : { type: 'sending', clientMsgId, text, sender: 'specialist', at: new Date().toISOString() } });
      const res = await call(socket, 'message:send', { sessionId, clientMsgId, text });
      if (res.ok) dispatch({ type: 'chat', sessionId, action: { type: 'sent', clientMsgId, message: res.message } });
      else dispatch({ type: 'chat', sessionId, action: { type: 'send-failed', clientMsgId, reason: res.error.code === 'VALIDATION' ? res.error.message : explain(res.error.code, res.error.message) } });
    },
    typing: (sessionId, typing) => socket.emit('typing', { sessionId, typing }),
    end: async (sessionId) => failed(await call(socket, 'chat:end', { sessionId })),
    transfer: async (sessionId, reason) => {
      const res = await call(socket, 'chat:transfer', { sessionId, ...(reason ? { reason } : {}) });
      if (res.ok) dispatch({ type: 'chat', sessionId, action: { type: 'ended', endedBy: 'specialist', reason: 'transfer' } });
      return failed(res);
    },
    escalate: async (sessionId, reason) => failed(await call(socket, 'chat:escalate', { sessionId, reason })),
    markUrgent: async (sessionId, note, sendResources) => {
      const res = await call(socket, 'chat:mark-urgent', { sessionId, sendResources, ...(note ? { note } : {}) });
      // The marker shows at once; the server's chat:urgent adds its reason.
      if (res.ok) dispatch({ type: 'chat', sessionId, action: { type: 'urgent' } });
      // Marked already, a moment ago: the server says so in words that fit better than a generic "slow down".
      return !res.ok && res.error.code === 'RATE_LIMITED' ? res.error.message : failed(res);
    },
    report: async (sessionId, messageId, reason, note) => failed(await call(socket, 'message:report', { sessionId, messageId, reason, ...(note ? { note } : {}) })),
    close: (sessionId) => dispatch({ type: 'close', sessionId }),
  };

  const active = state.tabs.find((t) => t.sessionId === state.active) ?? null;
  return (
    <main id="main" class="console">
      <div>
        <ConnectionBanner state={connection} />
        <ShiftPanel
          shift={shift}
          stats={stats}
          topics={catalog.topics}
          myTopics={staff.topics}
          alerts={alerts}
          onAlerts={setAlerts}
          onStart={async (capacity, topics) => failed(await call(socket, 'shift:start', { capacity, ...(topics.length ? { topics } : {}) }))}
          onEnd={async () => failed(await call(socket, 'shift:end', {}))}
        />
      </div>
      <section aria-labelledby="chats-title">
        <h1 id="chats-title">Chats</h1>
        <p class="sr-only" role="status">
          {announce}
        </p>
        {state.tabs.length === 0 ? (
          <Banner tone="info">{shift?.onShift ? 'Waiting for the next seeker. New chats open here.' : 'Start a shift to take chats.'}</Banner>
        ) : (
          <>
            <Tabs tabs={state.tabs} active={state.active} onSelect={(id) => dispatch({ type: 'select', sessionId: id })} />
            <div id="chat-panel" role="tabpanel" aria-labelledby={active ? `tab-${active.sessionId}` : undefined}>
              {active ? <ChatPanel key={active.sessionId} tab={active} online={connection.status === 'online'} actions={actions} /> : null}
            </div>
          </>
        )}
      </section>
    </main>
  );
}
