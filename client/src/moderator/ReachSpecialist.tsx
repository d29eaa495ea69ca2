import { useEffect, useRef, useState } from 'preact/hooks';
import type { Flag } from '../../../src/protocol/events.js';

export type SendNote = (text: string) => Promise<{ error: string } | { sent: string }>;

/**
 * UX6: a staff-only note to the specialist of a flag's chat. It reaches their console only; the
 * seeker never sees it. Shown first on a crisis flag, where reaching the specialist comes before
 * any decision about the flag.
 */
export function ReachSpecialist({ flag, onSend }: { flag: Flag; onSend: SendNote }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const id = `note-${flag.id}`;
  useEffect(() => void (open && box.current?.focus()), [open]);

  if (flag.chatLive === false) return <p class="muted small">The chat has ended: its specialist can no longer be reached from here.</p>;
  const close = () => {
    setOpen(false);
    setError(null);
    // Closing the form gives focus back to what opened it (UX4).
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <section class={flag.crisis ? 'reach' : 'reach reach-calm'} aria-label="Reach the specialist">
      {flag.crisis ? <p>Crisis in a live chat: make sure the specialist has support before deciding anything else.</p> : null}
      {open ? null : (
        <button type="button" ref={opener} onClick={() => setOpen(true)}>
          Message the specialist
        </button>
      )}
      {open ? (
        <form
          id={id}
          class="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            const result = await onSend(text.trim());
            setBusy(false);
            if ('error' in result) return setError(result.error);
            setSent(result.sent);
            setText('');
            close();
          }}
        >
          <label for={`${id}-text`}>Note to the specialist (staff only: the seeker never sees it)</label>
          <textarea id={`${id}-text`} ref={box} rows={3} maxLength={1000} required value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          {error ? <p class="error-text" role="alert">{error}</p> : null}
          <div class="actions">
            <button type="submit" disabled={busy || !text.trim()}>
              Send to the specialist
            </button>
            <button type="button" class="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <p class="small" role="status">
        {sent ? `Sent to the specialist: “${sent}”` : ''}
      </p>
    </section>
  );
}
