import { urgentLabel, type Tab } from './console-state.js';

/** The chat tabs: arrow keys move between them (WAI-ARIA tabs pattern). */
export function Tabs({ tabs, active, onSelect }: { tabs: Tab[]; active: string | null; onSelect: (id: string) => void }) {
  const move = (from: number, by: number) => {
    const next = tabs[(from + by + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.sessionId);
    document.getElementById(`tab-${next.sessionId}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Your chats">
      {tabs.map((t, i) => (
        <button
          key={t.sessionId}
          id={`tab-${t.sessionId}`}
          type="button"
          role="tab"
          aria-selected={t.sessionId === active}
          aria-controls="chat-panel"
          tabIndex={t.sessionId === active ? 0 : -1}
          onClick={() => onSelect(t.sessionId)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(i, 1);
            if (e.key === 'ArrowLeft') move(i, -1);
          }}
        >
          {t.chat.urgent ? <span class="badge badge-urgent">{urgentLabel(t.chat)}</span> : null} {t.alias}
          {t.chat.ended ? <span class="muted small"> (ended)</span> : null}
          {t.chat.unread ? (
            <span class="badge">
              {t.chat.unread}
              <span class="sr-only"> unread</span>
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
