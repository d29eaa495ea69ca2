import { useState } from 'preact/hooks';
import type { ShownMessage } from '../shared/chat-state.js';
import { Banner } from '../shared/components/Banner.js';
import { Composer } from '../shared/components/Composer.js';
import { MessageList } from '../shared/components/MessageList.js';
import { ReasonDialog } from '../shared/components/ReasonDialog.js';
import { urgentLabel, urgentSigns, type Tab } from './console-state.js';
import { HandoverNote } from './HandoverNote.js';
import { MarkUrgentDialog } from './MarkUrgentDialog.js';
import { isMarkUrgent, MARK_URGENT_KEYS, useShortcut } from './shortcut.js';

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

const ENDED: Record<string, string> = { seeker: 'The seeker ended the chat.', specialist: 'You ended the chat.', moderator: 'A moderator ended the chat.', system: 'The chat ended (connection lost).' };

type Dialog = null | 'transfer' | 'escalate' | 'urgent' | { report: ShownMessage };

/** One chat in the console: messages, composer, and the specialist's actions. */
export function ChatPanel({ tab, online, actions }: { tab: Tab; online: boolean; actions: ChatActions }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { chat, sessionId } = tab;
  // Only the chat on screen has a panel, so the shortcut marks the chat the specialist is looking at.
  useShortcut(isMarkUrgent, () => setDialog((d) => d ?? 'urgent'), !chat.ended);
  return (
    <div class={tab.chat.urgent ? 'panel urgent-banner' : 'panel'}>
      <div class="chat-head">
        <h2>
          {tab.alias}
          <span class="muted small"> · {tab.topic ?? 'any topic'}</span>
        </h2>
        {chat.ended ? (
          <button type="button" class="secondary" onClick={() => actions.close(sessionId)}>
            Close tab
          </button>
        ) : (
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setDialog('transfer')}>
              Transfer
            </button>
            <button type="button" class="secondary" onClick={() => setDialog('escalate')}>
              Escalate
            </button>
            <button type="button" class="secondary" title={`Mark urgent (${MARK_URGENT_KEYS})`} aria-keyshortcuts={MARK_URGENT_KEYS} onClick={() => setDialog('urgent')}>
              Mark urgent
            </button>
            {confirmEnd ? (
              <button type="button" class="danger" onClick={async () => setError(await actions.end(sessionId))}>
                Confirm end
              </button>
            ) : (
              <button type="button" class="secondary" onClick={() => setConfirmEnd(true)}>
                End chat
              </button>
            )}
          </div>
        )}
      </div>
      {chat.urgent ? (
        <Banner tone="error">
          <strong>{urgentLabel(chat)}.</strong>
          {urgentSigns(chat).length ? ` Signs: ${urgentSigns(chat).join(', ')}.` : ''} A moderator has been alerted. Stay with them; consider escalating.
        </Banner>
      ) : null}
      {chat.peer === 'reconnecting' ? <Banner tone="warning">{tab.alias} lost their connection and is reconnecting.</Banner> : null}
      {chat.ended ? <Banner tone="info">{ENDED[chat.ended.endedBy] ?? 'The chat ended.'}</Banner> : null}
      {tab.handover ? <HandoverNote handover={tab.handover} alias={tab.alias} /> : null}
      {info ? <Banner tone="info">{info}</Banner> : null}
      {error ? <Banner tone="error">{error}</Banner> : null}
      <MessageList
        chat={chat}
        me="specialist"
        peerName={tab.alias}
        onReport={(m) => setDialog({ report: m })}
        onRetry={(m) => actions.send(sessionId, m.text, m.clientMsgId)}
      />
      <Composer disabled={!!chat.ended || !online} onSend={(text) => actions.send(sessionId, text)} onTyping={(t) => actions.typing(sessionId, t)} label={`Message to ${tab.alias}`} />
      {dialog === 'transfer' ? (
        <ReasonDialog
          title="Transfer this chat"
          intro="The seeker goes to the front of the line for another specialist. They are told kindly; nothing is held against them. Your reason goes to the next specialist as a handover note: write it as if the seeker could read it too. The seeker chooses whether the next specialist may read this conversation."
          confirm="Transfer"
          onClose={() => setDialog(null)}
          onSubmit={(reason) => actions.transfer(sessionId, reason)}
        />
      ) : dialog === 'urgent' ? (
        <MarkUrgentDialog
          alias={tab.alias}
          onClose={() => setDialog(null)}
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
          onClose={() => setDialog(null)}
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
          onClose={() => setDialog(null)}
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
