import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { ShiftInfo } from '../../../src/protocol/events.js';
import { readCatalog } from '../shared/catalog.js';
import { Banner } from '../shared/components/Banner.js';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.js';
import { explain } from '../shared/errors.js';
import { useConnection } from '../shared/hooks.js';
import { call, lazySocket, type PeerSocket } from '../shared/socket.js';
import type { StaffMember } from '../shared/staff-session.js';
import { Announcer, useAnnouncer } from './announcer.js';
import { ChatPanel, headingId, type ChatActions } from './ChatPanel.js';
import { topicLabel, waitingSeconds } from './chat-status.js';
import { listenToChats } from './console-socket.js';
import { consoleReducer, emptyConsole, totalUnread, type ConsoleState } from './console-state.js';
import { deviceStore, loadAlerts, loadOpeners, saveAlerts, saveOpeners } from './device-prefs.js';
import { useFocusRequest } from './focus-request.js';
import { playTone, titleWith } from './notify.js';
import { ShiftPanel } from './ShiftPanel.js';
import { Tabs } from './Tabs.js';
import { useNow } from './use-now.js';

const catalog = readCatalog();
const BASE_TITLE = document.title;
/** Waits are shown in minutes: a few seconds' lag is invisible, and the console is not re-rendered every second. */
const TICK_MS = 5_000;
const failed = (res: { ok: boolean; error?: { code: Parameters<typeof explain>[0]; message: string } }) => (res.ok ? null : explain(res.error!.code, res.error!.message));

/** The specialist's console: shift, queue numbers, and several chats as tabs. */
export function Console({ staff, signOut }: { staff: StaffMember; signOut: (reason?: string) => Promise<void> }) {
  const socket = useMemo<PeerSocket>(lazySocket, []);
  const store = useMemo(deviceStore, []);
  const connection = useConnection(socket);
  const [state, dispatch] = useReducer(consoleReducer, emptyConsole);
  const [shift, setShift] = useState<ShiftInfo | null>(null);
  const [stats, setStats] = useState<{ waiting: number; onShift: number } | null>(null);
  const [alerts, setAlerts] = useState(() => loadAlerts(store, staff.id));
  const [openers, setOpeners] = useState(() => loadOpeners(store, staff.id));
  const [newChats, setNewChats] = useState(0);
  const [lines, announce] = useAnnouncer();
  const focus = useFocusRequest();
  const now = useNow(TICK_MS, state.tabs.some((t) => !t.chat.ended));
  const current = useRef<ConsoleState>(state);
  current.current = state;
  const alertsOn = useRef(alerts);
  alertsOn.current = alerts;

  useEffect(() => {
    listenToChats(socket, {
      dispatch,
      state: () => current.current,
      announce,
      focusChat: (sessionId) => focus(headingId(sessionId)),
      alert: () => {
        if (!alertsOn.current) return;
        playTone();
        setNewChats((n) => n + 1);
      },
      topicLabel: (topic) => topicLabel(topic, catalog.topics),
      signOut: (reason) => void signOut(reason),
      shift: setShift,
      stats: setStats,
    });
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
    close: (sessionId) => {
      const { tabs, active } = current.current;
      const rest = tabs.filter((t) => t.sessionId !== sessionId);
      const next = active === sessionId ? rest[0]?.sessionId : active;
      dispatch({ type: 'close', sessionId });
      // UX4: the tab is gone: focus goes to the chat now on screen, or to the list of chats.
      focus(next ? headingId(next) : 'chats-title', 'chats-title');
    },
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
          onAlerts={(on) => {
            setAlerts(on);
            saveAlerts(store, staff.id, on);
          }}
          onStart={async (capacity, topics) => failed(await call(socket, 'shift:start', { capacity, ...(topics.length ? { topics } : {}) }))}
          onEnd={async () => failed(await call(socket, 'shift:end', {}))}
        />
      </div>
      <section aria-labelledby="chats-title">
        <h1 id="chats-title" tabIndex={-1}>
          Chats
        </h1>
        <Announcer lines={lines} />
        {state.tabs.length === 0 ? (
          <Banner tone="info">{shift?.onShift ? 'Waiting for the next seeker. New chats open here.' : 'Start a shift to take chats.'}</Banner>
        ) : (
          <>
            <Tabs
              tabs={state.tabs}
              active={state.active}
              topics={catalog.topics}
              now={now}
              onSelect={(id, byKeys) => {
                dispatch({ type: 'select', sessionId: id });
                // UX4: a chat chosen is a new screen: its heading takes focus. Arrow keys stay on the tabs.
                if (!byKeys) focus(headingId(id));
              }}
            />
            <div id="chat-panel" role="tabpanel" aria-labelledby={active ? `tab-${active.sessionId}` : undefined}>
              {active ? (
                <ChatPanel
                  key={active.sessionId}
                  tab={active}
                  topic={topicLabel(active.topic, catalog.topics)}
                  waited={waitingSeconds(active, now)}
                  now={now}
                  online={connection.status === 'online'}
                  openers={openers}
                  onOpeners={(next) => {
                    setOpeners(next);
                    saveOpeners(store, staff.id, next);
                  }}
                  actions={actions}
                />
              ) : null}
            </div>
          </>
        )}
      </section>
    </main>
  );
}
