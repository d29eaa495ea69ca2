import { useState } from 'preact/hooks';
import { addOpener, MAX_OPENER_LENGTH, MAX_OPENERS } from './device-prefs.js';

interface Props {
  openers: string[];
  disabled: boolean;
  onInsert: (text: string) => void;
  onChange: (openers: string[]) => void;
}

/**
 * The specialist's own openers, one click from the message box: each goes into the box to be
 * edited or sent, never sent by itself. Added and removed here; kept on this device only.
 */
export function Openers({ openers, disabled, onInsert, onChange }: Props) {
  const [draft, setDraft] = useState('');
  const full = openers.length >= MAX_OPENERS;
  return (
    <div class="openers" role="group" aria-labelledby="openers-title">
      <span id="openers-title" class="openers-title small">
        Openers
      </span>
      {openers.map((o) => (
        <button key={o} type="button" class="opener secondary" title={o} disabled={disabled} onClick={() => onInsert(o)}>
          <span class="sr-only">Insert: </span>
          {o}
        </button>
      ))}
      <details class="openers-edit">
        <summary>Edit openers</summary>
        {openers.length ? (
          <ul>
            {openers.map((o, i) => (
              <li key={o}>
                <span>{o}</span>
                <button type="button" class="link" aria-label={`Remove: ${o}`} onClick={() => onChange(openers.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="small">No openers saved.</p>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const next = addOpener(openers, draft);
            if (next.length === openers.length) return;
            onChange(next);
            setDraft('');
          }}
        >
          <label for="new-opener">New opener</label>
          <textarea id="new-opener" rows={2} maxLength={MAX_OPENER_LENGTH} value={draft} disabled={full} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
          <button type="submit" class="secondary" disabled={full || !draft.trim()}>
            Add opener
          </button>
          <p class="small">{full ? `That is the most you can keep (${MAX_OPENERS}).` : 'Saved in this browser only, for your account.'}</p>
        </form>
      </details>
    </div>
  );
}
