import { useRef, useState } from 'preact/hooks';
import type { ShownMessage } from '../shared/chat-state.js';
import { Banner } from '../shared/components/Banner.js';
import { Composer } from '../shared/components/Composer.js';
import { MessageList } from '../shared/components/MessageList.js';
import { ReasonDialog } from '../shared/components/ReasonDialog.js';
import { ChatHeader, type DialogKind } from './ChatHeader.js';
import { endedWords, justBack, offlineWords } from './chat-status.js';
import { urgentLabel, urgentSigns, type Tab } from './console-state.js';
import { useFocusRequest } from './focus-request.js';
import { HandoverNote } from './HandoverNote.js';
import { MarkUrgentDialog } from './MarkUrgentDialog.js';
import { Openers } from './Openers.js';
import { isMarkUrgent, useShortcut } from './shortcut.js';

export interface ChatActions {
  send(sessionId: string, text: string, clientMsgId?: string): void;
  typing(sessionId: string, typing: boolean): void;
  end(sessionId: string): Promise<string | null>;
  transfer(sessionId: string, reason: string): Promise<string | null>;
  escalate(sessionId: string, reason: string): Promise<string | null>;
  markUrgent(sessionId: string, note: string, sendResources: boolean): Promise<string | null>;
  report(sessionId: string, messageId: string, reason: string, note: string): Promise<string | null>;
  close(sessionId: string): void;
}

export const headingId = (sessionId: string) => `chat-heading-${sessionId}`;

type Dialog = null | DialogKind | { report: ShownMessage };

interface Props {
  tab: Tab;
  topic: string;
  waited: number | null;
  now: number;
  online: boolean;
  openers: string[];
  onOpeners: (openers: string[]) => void;
  actions: ChatActions;
}

/** One chat in the console: messages, composer, and the specialist's actions. */
export function ChatPanel({ tab, topic, waited, now, online, openers, onOpeners, actions }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [insert, setInsert] = useState<{ text: string; n: number } | undefined>(undefined);
  const { chat, sessionId } = tab;
  const heading = headingId(sessionId);
  // UX4: a dialog gives focus back to what opened it, or to the heading when that has gone (the
  // chat ended meanwhile); kept here, as the browser may not have focused a clicked button.
  const openedBy = useRef<HTMLElement | null>(null);
  const focus = useFocusRequest();
  const open = (kind: Exclude<Dialog, null>, opener: Element | null) => {
    openedBy.current = opener instanceof HTMLElement && opener !== document.body ? opener : null;
    setDialog(kind);
  };
  const close = () => {
    setDialog(null);
    focus(openedBy.current, heading);
  };
  // Only the chat on screen has a panel, so the shortcut marks the chat the specialist is looking at.
  useShortcut(isMarkUrgent, () => dialog ?? open('urgent', document.activeElement), !chat.ended);
  const offline = offlineWords(tab, now);
  return (
    <div class={tab.chat.urgent ? 'panel urgent-banner' : 'panel'}>
      <ChatHeader
        headingId={heading}
        alias={tab.alias}
        topic={topic}
        waited={waited}
        ended={!!chat.ended}
        confirmEnd={confirmEnd}
        onOpen={open}
        onEnd={() => setConfirmEnd(true)}
        onConfirmEnd={async () => setError(await actions.end(sessionId))}
        onClose={() => actions.close(sessionId)}
      />
      {chat.urgent ? (
        <Banner tone="error">
          <strong>{urgentLabel(chat)}.</strong>
          {urgentSigns(chat).length ? ` Signs: ${urgentSigns(chat).join(', ')}.` : ''} A moderator has been alerted.
          {chat.ended ? ' The chat has ended.' : ' Stay with them; consider escalating.'}
        </Banner>
      ) : null}
      {/* No live role: these lines change by the minute, and the console announces the change once. */}
      {offline ? (
        <p class="banner banner-warning offline-line">
          <strong>Seeker offline</strong> — {offline}. What you send now reaches them when they are back.
        </p>
      ) : justBack(tab, now) ? (
        <p class="banner banner-info">{tab.alias} is back online.</p>
      ) : null}
      {chat.ended ? <Banner tone="info">{endedWords(chat.ended.endedBy)}</Banner> : null}
      {tab.handover ? <HandoverNote handover={tab.handover} alias={tab.alias} /> : null}
      {info ? <Banner tone="info">{info}</Banner> : null}
      {error ? <Banner tone="error">{error}</Banner> : null}
      <MessageList
        chat={chat}
        me="specialist"
        peerName={tab.alias}
        live={false}
        onReport={(m) => open({ report: m }, document.activeElement)}
        onRetry={(m) => actions.send(sessionId, m.text, m.clientMsgId)}
      />
      <Composer
        disabled={!!chat.ended || !online}
        onSend={(text) => actions.send(sessionId, text)}
        onTyping={(t) => actions.typing(sessionId, t)}
        label={`Message to ${tab.alias}`}
        {...(insert ? { insert } : {})}
      />
      {chat.ended ? null : <Openers openers={openers} disabled={!online} onChange={onOpeners} onInsert={(text) => setInsert((i) => ({ text, n: (i?.n ?? 0) + 1 }))} />}
      {dialog === 'transfer' ? (
        <ReasonDialog
          title="Transfer this chat"
          intro="The seeker goes to the front of the line for another specialist. They are told kindly; nothing is held against them. Your reason goes to the next specialist as a handover note: write it as if the seeker could read it too. The seeker chooses whether the next specialist may read this conversation."
          confirm="Transfer"
          onClose={close}
          onSubmit={(reason) => actions.transfer(sessionId, reason)}
        />
      ) : dialog === 'urgent' ? (
        <MarkUrgentDialog
          alias={tab.alias}
          onClose={close}
          onSubmit={async (note, sendResources) => {
            const failed = await actions.markUrgent(sessionId, note, sendResources);
            if (!failed) setInfo(sendResources ? 'Marked urgent. A moderator has been alerted, and the seeker now sees crisis lines.' : 'Marked urgent. A moderator has been alerted.');
            return failed;
          }}
        />
      ) : dialog === 'escalate' ? (
        <ReasonDialog
          title="Escalate to a moderator"
          intro="A moderator sees this chat's recent messages and your reason right away."
          reasonRequired
          confirm="Escalate"
          onClose={close}
          onSubmit={async (reason) => {
            const failed = await actions.escalate(sessionId, reason);
            if (!failed) setInfo('Escalated. A moderator has been alerted.');
            return failed;
          }}
        />
      ) : dialog ? (
        <ReasonDialog
          title="Report this message"
          reasons={['Abusive or threatening', 'Pushing to contact off-platform', 'Spam', 'Something else']}
          withNote
          confirm="Send report"
          onClose={close}
          onSubmit={async (reason, note) => {
            const failed = await actions.report(sessionId, dialog.report.id, reason, note);
            if (!failed) setInfo('Reported to the moderators.');
            return failed;
          }}
        />
      ) : null}
    </div>
  );
}
