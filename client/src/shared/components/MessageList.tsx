import { useEffect, useRef } from 'preact/hooks';
import { isMine, senderLabel, type ChatState, type ShownMessage } from '../chat-state.js';

interface Props {
  chat: ChatState;
  /** Who "me" is on this screen. */
  me: 'seeker' | 'specialist';
  peerName: string;
  onReport?: (m: ShownMessage) => void;
  onRetry?: (m: ShownMessage) => void;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The chat log: a polite live region, newest at the bottom, kept scrolled to the end. */
export function MessageList({ chat, me, peerName, onReport, onRetry }: Props) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [chat.items.length, chat.peerTyping]);
  return (
    // The history scrolls inside its box, so the box takes focus: arrow keys scroll it without a mouse.
    <div class="log-wrap" tabIndex={0} role="region" aria-label="Conversation">
      <div role="log" aria-live="polite" aria-label="Chat messages">
      <ol class="log">
        {chat.items.map((item) => {
          if (item.kind === 'notice') {
            return (
              <li key={item.id} class={`notice notice-${item.tone}`}>
                {item.text}
              </li>
            );
          }
          const m = item.message;
          const mine = isMine(m, me);
          const who = senderLabel(m, me, peerName);
          // An earlier specialist's words stay on the staff side, marked as from before (CH9).
          return (
            <li key={m.clientMsgId ?? m.id} class={`msg ${m.sender === 'system' ? 'msg-system' : m.sender === me ? 'msg-mine' : 'msg-theirs'}${m.earlier ? ' msg-earlier' : ''}`}>
              <span class="sr-only">{who} said: </span>
              <p class="msg-text">{m.text}</p>
              {m.redacted ? <p class="msg-meta">Contact details were removed from this message.</p> : null}
              <p class="msg-meta">
                {mine ? (m.failed ? <span class="failed">Not sent: {m.failed}</span> : m.pending ? 'Sending…' : 'Delivered') : who}
                {m.pending || m.failed ? null : <> · {time(m.sentAt)}</>}
                {m.failed && onRetry ? (
                  <button type="button" class="link" onClick={() => onRetry(m)}>
                    Try again
                  </button>
                ) : null}
                {m.sender !== me && m.sender !== 'system' && onReport ? (
                  <button type="button" class="link" onClick={() => onReport(m)}>
                    Report<span class="sr-only"> this message</span>
                  </button>
                ) : null}
              </p>
            </li>
          );
        })}
      </ol>
      </div>
      {chat.peerTyping ? <p class="typing" aria-live="off">{peerName} is typing…</p> : null}
      <div ref={end} />
    </div>
  );
}
