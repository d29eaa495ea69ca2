import { useState } from 'preact/hooks';
import { Dialog } from './Dialog.js';

interface Props {
  title: string;
  intro?: string;
  /** Choices for the reason; without them the reason is free text. */
  reasons?: string[];
  reasonRequired?: boolean;
  withNote?: boolean;
  confirm: string;
  onSubmit: (reason: string, note: string) => Promise<string | null>;
  onClose: () => void;
  /** Where focus goes on closing if what opened the dialog has gone meanwhile. */
  returnTo?: () => HTMLElement | null;
}

/** Ask for a reason (and an optional note), submit, show the error if it failed. */
export function ReasonDialog({ title, intro, reasons, reasonRequired, withNote, confirm, onSubmit, onClose, returnTo }: Props) {
  const [reason, setReason] = useState(reasons?.[0] ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={title} onClose={onClose} {...(returnTo ? { returnTo } : {})}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          if (reasonRequired && !reason.trim()) {
            setError('Please give a reason.');
            return;
          }
          setBusy(true);
          const failed = await onSubmit(reason.trim(), note.trim());
          setBusy(false);
          if (failed) setError(failed);
          else onClose();
        }}
      >
        {intro ? <p>{intro}</p> : null}
        {reasons ? (
          <fieldset>
            <legend>Reason</legend>
            {reasons.map((r) => (
              <label key={r} class="choice">
                <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} /> {r}
              </label>
            ))}
          </fieldset>
        ) : (
          <>
            <label for="reason-text">Reason{reasonRequired ? '' : ' (optional)'}</label>
            <textarea id="reason-text" rows={3} value={reason} maxLength={500} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          </>
        )}
        {withNote ? (
          <>
            <label for="reason-note">Anything else (optional)</label>
            <textarea id="reason-note" rows={3} value={note} maxLength={1000} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          </>
        ) : null}
        {error ? <p class="error-text" role="alert">{error}</p> : null}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {confirm}
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
