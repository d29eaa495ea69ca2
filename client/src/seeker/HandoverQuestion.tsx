import { useEffect, useRef, useState } from 'preact/hooks';
import { Banner } from '../shared/components/Banner.js';
import { HANDOVER_QUESTION, answeredStatus, type HandoverAsk } from './handover.js';

interface Props {
  ask: HandoverAsk;
  /**
   * Where focus goes once answered: the message box (in a chat, where the answer then shows in the
   * chat's history) or the answer itself, shown here (in the line).
   */
  then: 'composer' | 'status';
  onAnswer: (share: boolean) => Promise<string | null>;
}

/**
 * CH9: after a transfer or a switch, may the next specialist read the conversation so far? Two
 * plain choices of equal weight; until one is chosen nothing is shared. The question takes focus
 * when it appears, so it is heard and one Tab reaches the choices.
 */
export function HandoverQuestion({ ask, then, onAnswer }: Props) {
  const question = useRef<HTMLHeadingElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const answeredHere = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asking = ask.answer === null;

  useEffect(() => void (asking && question.current?.focus()), [asking]);
  useEffect(() => {
    if (asking || !answeredHere.current) return;
    answeredHere.current = false;
    if (then === 'composer') document.getElementById('composer-text')?.focus();
    else status.current?.focus();
  }, [asking]);

  const answer = async (share: boolean) => {
    if (busy) return;
    setBusy(true);
    answeredHere.current = true;
    const failed = await onAnswer(share);
    if (failed) answeredHere.current = false;
    setBusy(false);
    setError(failed);
  };

  if (!asking) {
    return then === 'status' ? (
      <p ref={status} tabIndex={-1} class="handover handover-done" role="status">
        {answeredStatus(ask.answer === true)}
      </p>
    ) : null;
  }
  return (
    <section class="handover" aria-labelledby="handover-q" aria-describedby="handover-hint">
      <h2 id="handover-q" ref={question} tabIndex={-1}>
        {HANDOVER_QUESTION}
      </h2>
      <p id="handover-hint" class="small">
        Nothing is shared unless you choose yes.
      </p>
      {error ? <Banner tone="error">{error}</Banner> : null}
      {/* aria-disabled, not disabled, while the answer travels: a disabled button would drop focus. */}
      <div class="handover-choices">
        <button type="button" aria-disabled={busy} onClick={() => void answer(true)}>
          Yes, share it
        </button>
        <button type="button" aria-disabled={busy} onClick={() => void answer(false)}>
          No, start fresh
        </button>
      </div>
    </section>
  );
}
