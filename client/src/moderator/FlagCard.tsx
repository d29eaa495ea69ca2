import { useState } from 'preact/hooks';
import type { Flag, FlagAction } from '../../../src/protocol/events.js';

const ACTIONS: { value: FlagAction; label: string }[] = [
  { value: 'dismiss', label: 'Dismiss: nothing wrong' },
  { value: 'hide_message', label: 'Hide the message from both sides' },
  { value: 'warn', label: 'Warn the sender' },
  { value: 'end_chat', label: 'End the chat' },
  { value: 'ban_seeker', label: 'Ban the seeker for 24 hours' },
];

const SOURCE = { report: 'Reported by a participant', escalation: 'Escalated by the specialist', hook: 'Raised automatically' } as const;

/** One flag: what, why, the excerpt with the flagged message marked, and the action form. */
export function FlagCard({ flag, onResolve }: { flag: Flag; onResolve: (action: FlagAction, note: string) => Promise<string | null> }) {
  const [action, setAction] = useState<FlagAction>('dismiss');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `flag-${flag.id}`;
  return (
    <article class={`panel flag flag-${flag.severity}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <span class={flag.severity === 'high' ? 'badge badge-urgent' : 'badge'}>{flag.severity}</span> {flag.reason}
      </h3>
      <p class="muted small">
        {SOURCE[flag.source]} · {new Date(flag.createdAt).toLocaleString()} · chat {flag.sessionId.slice(0, 8)}
      </p>
      {flag.excerpt ? (
        <ol class="excerpt" aria-label="Excerpt">
          {flag.excerpt.map((m) => (
            <li key={m.id} class={m.id === flag.messageId ? 'flagged' : undefined}>
              <strong>{m.sender}:</strong> {m.text}
              {m.id === flag.messageId ? <span class="sr-only"> (flagged message)</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">The excerpt has been deleted (retention).</p>
      )}
      <form
        class="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(await onResolve(action, note.trim()));
          setBusy(false);
        }}
      >
        <label for={`${id}-action`}>Action</label>
        <select id={`${id}-action`} value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value as FlagAction)}>
          {ACTIONS.map((a) => (
            <option key={a.value} value={a.value} disabled={a.value === 'hide_message' && !flag.messageId}>
              {a.label}
            </option>
          ))}
        </select>
        <label for={`${id}-note`}>Note for the audit log (optional)</label>
        <textarea id={`${id}-note`} rows={2} maxLength={1000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        {error ? <p class="error-text" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy}>
          Resolve
        </button>
      </form>
    </article>
  );
}
