import { useState } from 'preact/hooks';
import { Dialog } from '../shared/components/Dialog.js';

interface Props {
  alias: string;
  onSubmit: (note: string, sendResources: boolean) => Promise<string | null>;
  onClose: () => void;
}

/**
 * A crisis the specialist noticed (MOD2): the same path as crisis language the detector finds. The
 * crisis lines go to the seeker unless the specialist unticks it (they may have just shared them).
 */
export function MarkUrgentDialog({ alias, onSubmit, onClose }: Props) {
  const [note, setNote] = useState('');
  const [sendResources, setSendResources] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={`Mark the chat with ${alias} urgent`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const failed = await onSubmit(note.trim(), sendResources);
          setBusy(false);
          if (failed) setError(failed);
          else onClose();
        }}
      >
        <p>A moderator is alerted at once, as when crisis language is detected.</p>
        <label for="urgent-note">Note for the moderator (optional)</label>
        <textarea id="urgent-note" rows={3} maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        <label class="choice">
          <input type="checkbox" checked={sendResources} onChange={(e) => setSendResources((e.target as HTMLInputElement).checked)} />
          Send crisis lines to the seeker
        </label>
        {error ? (
          <p class="error-text" role="alert">
            Not marked urgent: {error}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Marking…' : 'Mark urgent'}
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
