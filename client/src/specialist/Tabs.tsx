import type { Topic } from '../../../src/protocol/http.js';
import { BackBadge, OfflineBadge, WaitBadge } from './ChatStatus.js';
import { justBack, topicLabel, waitingSeconds } from './chat-status.js';
import { urgentLabel, type Tab } from './console-state.js';

interface Props {
  tabs: Tab[];
  active: string | null;
  topics: readonly Topic[];
  now: number;
  /** `byKeys`: arrow keys keep focus on the tabs (WAI-ARIA); a click moves it to the chat (UX4). */
  onSelect: (id: string, byKeys: boolean) => void;
}

/**
 * The chat tabs: who, their topic, and at a glance who is waiting for a reply and for how long,
 * and who is offline (UX5). Arrow keys move between them (WAI-ARIA tabs pattern).
 */
export function Tabs({ tabs, active, topics, now, onSelect }: Props) {
  const move = (from: number, by: number) => {
    const next = tabs[(from + by + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.sessionId, true);
    document.getElementById(`tab-${next.sessionId}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Your chats">
      {tabs.map((t, i) => {
        const waited = waitingSeconds(t, now);
        return (
          <button
            key={t.sessionId}
            id={`tab-${t.sessionId}`}
            type="button"
            role="tab"
            class="chat-tab"
            aria-selected={t.sessionId === active}
            aria-controls="chat-panel"
            tabIndex={t.sessionId === active ? 0 : -1}
            onClick={() => onSelect(t.sessionId, false)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(i, 1);
              if (e.key === 'ArrowLeft') move(i, -1);
            }}
          >
            <span class="tab-line">
              {t.chat.urgent ? <span class="badge badge-urgent">{urgentLabel(t.chat)}</span> : null} <strong>{t.alias}</strong>
              {t.chat.ended ? <span class="small"> (ended)</span> : null}
              {t.chat.unread ? (
                <span class="badge">
                  {t.chat.unread}
                  <span class="sr-only"> unread</span>
                </span>
              ) : null}
            </span>{' '}
            <span class="tab-meta">
              <span class="small">{topicLabel(t.topic, topics)}</span>
              {waited !== null ? <> {<WaitBadge seconds={waited} />}</> : null}
              {t.away && !t.chat.ended ? <> {<OfflineBadge />}</> : justBack(t, now) ? <> {<BackBadge />}</> : null}
            </span>
          </button>
        );
      })}
    </div>
  );
}
