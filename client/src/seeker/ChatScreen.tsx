import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { focusLost } from '../shared/focus.js';
import type { ChatState, ShownMessage } from '../shared/chat-state.js';
import { Banner } from '../shared/components/Banner.js';
import { Composer } from '../shared/components/Composer.js';
import { MessageList } from '../shared/components/MessageList.js';
import { ReasonDialog } from '../shared/components/ReasonDialog.js';
import type { HandoverAsk } from './handover.js';
import { HandoverQuestion } from './HandoverQuestion.js';

const REPORT_REASONS = ['It made me feel unsafe', 'It was disrespectful or abusive', 'It pushed me to contact them elsewhere', 'Something else'];

interface Props {
  chat: ChatState;
  specialist: string;
  /** CH9: a handover question still open when the next specialist arrives stays until answered. */
  handover: HandoverAsk | null;
  onHandover: (share: boolean) => Promise<string | null>;
  alias: string | null;
  online: boolean;
  onSend: (text: string, clientMsgId?: string) => void;
  onTyping: (typing: boolean) => void;
  onSwitch: () => Promise<string | null>;
  onEnd: () => Promise<string | null>;
  onReport: (messageId: string, reason: string, note: string) => Promise<string | null>;
}

/** The chat: the seeker is in control (end, someone else, report), with feedback for every failure. */
export function ChatScreen({ chat, specialist, handover, onHandover, alias, online, onSend, onTyping, onSwitch, onEnd, onReport }: Props) {
  const [reporting, setReporting] = useState<ShownMessage | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reported, setReported] = useState(false);
  // The button pressed goes with the change: focus goes to the safe choice ("Keep talking"), and back to "End chat" from it (UX4).
  const keep = useRef<HTMLButtonElement>(null);
  const end = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useLayoutEffect(() => {
    if (focusLost()) (confirmEnd ? keep : asked.current ? end : null)?.current?.focus();
    asked.current = confirmEnd;
  }, [confirmEnd]);
  return (
    <main id="main" class="chat">
      <div class="chat-head">
        <div>
          <h1 tabIndex={-1}>Talking with {specialist}</h1>
          <p class="muted small who">
            A peer specialist{alias ? <> · <span>You are “{alias}”</span></> : null}
          </p>
        </div>
        <div class="actions">
          <button type="button" class="secondary" onClick={async () => setError(await onSwitch())}>
            Talk to someone else
          </button>
          {confirmEnd ? (
            <>
              <button type="button" class="danger" onClick={async () => setError(await onEnd())}>
                Yes, end the chat
              </button>
              <button type="button" class="secondary" ref={keep} onClick={() => setConfirmEnd(false)}>
                Keep talking
              </button>
            </>
          ) : (
            <button type="button" class="secondary" ref={end} onClick={() => setConfirmEnd(true)}>
              End chat
            </button>
          )}
        </div>
      </div>
      {handover ? <HandoverQuestion ask={handover} then="composer" onAnswer={onHandover} /> : null}
      {/* Quiet: the same news is announced once, from the chat's own notice. */}
      {chat.peer === 'reconnecting' ? (
        <Banner tone="warning" quiet>
          {specialist} lost their connection and is reconnecting.
        </Banner>
      ) : null}
      {error ? <Banner tone="error">{error}</Banner> : null}
      {reported ? <Banner tone="info">Thank you. A moderator will look at the message you reported.</Banner> : null}
      <MessageList chat={chat} me="seeker" peerName={specialist} online={online} onReport={setReporting} onRetry={(m) => onSend(m.text, m.clientMsgId)} />
      {/* Usable offline too: what is written waits in the chat and goes when the connection is back (UX3). */}
      <Composer disabled={!!chat.ended} onSend={onSend} onTyping={onTyping} />
      {reporting ? (
        <ReasonDialog
          title="Report this message"
          intro="A moderator will review it. Your specialist is not told who reported it."
          reasons={REPORT_REASONS}
          withNote
          confirm="Send report"
          onClose={() => setReporting(null)}
          returnTo={() => document.getElementById('composer-text')}
          onSubmit={async (reason, note) => {
            const failed = await onReport(reporting.id, reason, note);
            if (!failed) setReported(true);
            return failed;
          }}
        />
      ) : null}
    </main>
  );
}
