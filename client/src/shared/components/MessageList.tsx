import { useEffect, useRef } from 'preact/hooks';
import { useAnnouncements } from '../announce.js';
import { isMine, senderLabel, type ChatState, type ShownMessage } from '../chat-state.js';

interface Props {
  chat: ChatState;
  /** Who "me" is on this screen. */
  me: 'seeker' | 'specialist';
  peerName: string;
  onReport?: (m: ShownMessage) => void;
  onRetry?: (m: ShownMessage) => void;
  /**
   * Whether new messages are announced (default true): each once, as "<sender>: <text>", in a polite
   * live region beside the list (UX4). The list itself is never a live region, so the controls in
   * it are not read out with each message. A page that announces them its own way turns it off.
   */
  live?: boolean;
  /** False while the connection is lost: a message still on its way says it waits for it (default true). */
  online?: boolean;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The chat log, newest at the bottom, kept scrolled to the end. */
export function MessageList({ chat, me, peerName, onReport, onRetry, live = true, online = true }: Props) {
  const end = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [chat.items.length, chat.peerTyping]);
  // When the box shrinks (the crisis lines open above it on a phone, the keyboard comes up), the
  // newest message stays in view, unless the reader had scrolled up to read.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let atEnd = true;
    const onScroll = () => (atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 48);
    const observer = new ResizeObserver(() => {
      if (atEnd) el.scrollTop = el.scrollHeight;
    });
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, []);
  const lines = useAnnouncements(chat, me, peerName, live);
  return (
    <>
      {/* The history scrolls inside its box, so the box takes focus: arrow keys scroll it without a mouse. */}
      <div class="log-wrap" ref={box} tabIndex={0} role="region" aria-label="Conversation">
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
                  {mine ? (m.failed ? <span class="failed">Not sent: {m.failed}</span> : m.pending ? (online ? 'Sending…' : 'Waiting for the connection…') : 'Delivered') : who}
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
        {chat.peerTyping ? <p class="typing">{peerName} is typing…</p> : null}
        <div ref={end} />
      </div>
      {live ? (
        // Each line is added (never changed), so it is read once, even the same words twice ("ok", "ok").
        <div class="sr-only" role="status" aria-label="New messages" aria-live="polite" aria-relevant="additions" aria-atomic="false">
          {lines.map((l) => (
            <p key={l.id}>{l.text}</p>
          ))}
        </div>
      ) : null}
    </>
  );
}
