import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Resource } from '../../../src/protocol/http.js';
import { LinesNow } from '../shared/components/Resources.js';

const ENDED_TEXT: Record<string, string> = {
  seeker: 'You ended the chat.',
  specialist: 'Your specialist ended the chat.',
  moderator: 'A moderator ended the chat.',
  system: 'The chat ended because the connection was lost for too long.',
};

interface Props {
  endedBy: string;
  rated: boolean;
  onRate: (rating: number, feedback: string) => Promise<string | null>;
  onNew: () => void;
  /** The crisis lines, listed here unless the panel shows them already: the end of a chat is a moment alone again. */
  resources: Resource[];
  crisisLinesShown: boolean;
}

/** After a chat: who ended it, then an optional rating, a way to start again, and the crisis lines. */
export function Ended({ endedBy, rated, onRate, onNew, resources, crisisLinesShown }: Props) {
  const [rating, setRating] = useState<number | null>(null);
  const [feedback, setFeedback] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The form and its button give way to the thanks: focus goes to it, not to the page (UX4).
  const thanks = useRef<HTMLParagraphElement>(null);
  const sent = useRef(false);
  useLayoutEffect(() => void (rated && sent.current && thanks.current?.focus()), [rated]);
  return (
    <main id="main" class="narrow">
      <h1 tabIndex={-1}>The chat has ended</h1>
      <p>{ENDED_TEXT[endedBy] ?? ENDED_TEXT.system} Your messages will be deleted within minutes.</p>
      {rated ? (
        <p ref={thanks} tabIndex={-1} class="banner banner-info" role="status">
          Thank you for your feedback.
        </p>
      ) : (
        <form
          class="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            if (rating === null) {
              setError('Choose a rating from 1 to 5, or skip this.');
              return;
            }
            sent.current = true;
            setError(await onRate(rating, feedback.trim()));
          }}
        >
          <fieldset class="rating">
            <legend>How was this chat for you? (optional)</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} class="choice">
                <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
                {n}
                <span class="sr-only"> of 5</span>
              </label>
            ))}
            <p class="muted small">1 = not helpful, 5 = very helpful</p>
          </fieldset>
          <label for="feedback">Anything you want to tell us (optional, anonymous)</label>
          <textarea id="feedback" rows={3} maxLength={2000} value={feedback} onInput={(e) => setFeedback((e.target as HTMLTextAreaElement).value)} />
          {error ? <p class="error-text" role="alert">{error}</p> : null}
          <button type="submit">Send rating</button>
        </form>
      )}
      <p>
        <button type="button" class="primary" onClick={onNew}>
          Start a new chat
        </button>
      </p>
      {crisisLinesShown ? null : (
        <LinesNow id="lines-after" heading="If you need help right now" resources={resources} />
      )}
    </main>
  );
}
