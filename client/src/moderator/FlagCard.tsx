import { useState } from 'preact/hooks';
import type { Flag, FlagAction } from '../../../src/protocol/events.js';
import { ClaimLine } from './ClaimLine.js';
import { ReachSpecialist, type SendNote } from './ReachSpecialist.js';

const ACTIONS: { value: FlagAction; label: string }[] = [
  { value: 'dismiss', label: 'Dismiss: nothing wrong' },
  { value: 'hide_message', label: 'Hide the message from both sides' },
  { value: 'warn', label: 'Warn the sender' },
  { value: 'end_chat', label: 'End the chat' },
  { value: 'ban_seeker', label: 'Ban the seeker for 24 hours' },
];
// A crisis is not "nothing wrong": closing it says the specialist has it, and comes last.
const CRISIS_ACTIONS = [...ACTIONS.slice(1), { value: 'dismiss' as const, label: 'Close: the specialist is handling it' }];

const SOURCE = { report: 'Reported by a participant', escalation: 'Escalated by the specialist', hook: 'Raised automatically' } as const;

export interface FlagHandlers {
  resolve: (action: FlagAction, note: string) => Promise<string | null>;
  claim: (claim: boolean) => Promise<string | null>;
  note: SendNote;
}

/**
 * One flag: what, why, whether its chat is still live, who works on it, the excerpt with the
 * flagged message marked, and what to do. On a crisis flag the first thing offered is reaching
 * the specialist (UX6); no action is chosen for the moderator.
 */
export function FlagCard({ flag, me, on }: { flag: Flag; me: string; on: FlagHandlers }) {
  const [action, setAction] = useState<FlagAction | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `flag-${flag.id}`;
  const takenByOther = flag.claimedBy !== null && flag.claimedBy.id !== me;
  const reach = <ReachSpecialist flag={flag} onSend={on.note} />;
  return (
    <article class={`panel flag flag-${flag.severity}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span class={flag.severity === 'high' ? 'badge badge-urgent' : 'badge'}>{flag.severity}</span>{' '}
        {flag.crisis ? <span class="badge badge-crisis">crisis</span> : null} {flag.reason}
      </h2>
      <p class="flag-facts small">
        <span class={flag.chatLive ? 'chat-state chat-live' : 'chat-state chat-ended'}>{flag.chatLive === null ? 'Chat state unknown' : flag.chatLive ? 'Chat live' : 'Chat ended'}</span>
        <span class="muted">
          {SOURCE[flag.source]} · {new Date(flag.createdAt).toLocaleString()} · chat {flag.sessionId.slice(0, 8)}
        </span>
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
      {flag.crisis ? reach : null}
      <ClaimLine flag={flag} me={me} onClaim={on.claim} />
      <form
        class="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!action) return;
          setBusy(true);
          setError(await on.resolve(action, note.trim()));
          setBusy(false);
        }}
      >
        <label for={`${id}-action`}>Action</label>
        <select id={`${id}-action`} required value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value as FlagAction)}>
          <option value="">Choose an action…</option>
          {(flag.crisis ? CRISIS_ACTIONS : ACTIONS).map((a) => (
            <option key={a.value} value={a.value} disabled={a.value === 'hide_message' && !flag.messageId}>
              {a.label}
            </option>
          ))}
        </select>
        <label for={`${id}-note`}>Note for the audit log (optional)</label>
        <textarea id={`${id}-note`} rows={2} maxLength={1000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        {error ? <p class="error-text" role="alert">{error}</p> : null}
        {takenByOther ? <p class="small">{flag.claimedBy!.displayName} is working on this flag; it can be resolved once they release it or their claim ends.</p> : null}
        <button type="submit" disabled={busy || !action || takenByOther}>
          Resolve
        </button>
      </form>
      {flag.crisis ? null : reach}
    </article>
  );
}
