import { useEffect, useRef, useState } from 'preact/hooks';
import type { Resource } from '../../../src/protocol/http.js';
import { Banner } from '../shared/components/Banner.js';
import { LinesNow } from '../shared/components/Resources.js';
import { queueText, type QueueStatus } from './eta.js';
import type { HandoverAsk } from './handover.js';
import { HandoverQuestion } from './HandoverQuestion.js';

interface Props {
  status: QueueStatus & { notice?: string };
  /** CH9: asked after a transfer or a switch. */
  handover: HandoverAsk | null;
  onHandover: (share: boolean) => Promise<string | null>;
  alias: string | null;
  resources: Resource[];
  /** The crisis panel is open at the top already: do not show the same lines twice. */
  crisisLinesShown: boolean;
  onCancel: () => Promise<string | null>;
}

/**
 * Waiting in line, honestly (UX2): place and wait from one status; with nobody on shift, that in
 * plain words, the crisis lines, and the choice to keep waiting or leave.
 */
export function Queue({ status, handover, onHandover, alias, resources, crisisLinesShown, onCancel }: Props) {
  const words = queueText(status);
  const [error, setError] = useState<string | null>(null);
  const [staying, setStaying] = useState(false);
  const stayed = useRef<HTMLParagraphElement>(null);
  // The button pressed is gone: focus goes to the words that answer it.
  useEffect(() => void (staying && stayed.current?.focus()), [staying]);
  const leave = (
    <button type="button" class="secondary" onClick={async () => setError(await onCancel())}>
      Leave the line
    </button>
  );
  return (
    <main id="main" class="narrow queue-screen">
      {/* The heading itself says when nobody is on shift; in the live region, so it is heard too. */}
      <div role="status" aria-live="polite">
        <h1 tabIndex={-1}>{words.nobodyOnShift ? 'Nobody is on shift right now' : 'Finding someone for you'}</h1>
        {status.notice ? <p class="banner banner-info">{status.notice}</p> : null}
        <div class="queue">
          <p class="place">{words.place}</p>
          <p>{words.wait}</p>
        </div>
      </div>
      {handover ? <HandoverQuestion ask={handover} then="status" onAnswer={onHandover} /> : null}
      {words.nobodyOnShift && !crisisLinesShown ? (
        <LinesNow id="lines-now" heading="If you need someone now" resources={resources} />
      ) : null}
      {error ? <Banner tone="error">{error}</Banner> : null}
      {words.nobodyOnShift && !staying ? (
        <div class="actions" role="group" aria-label="Keep waiting or leave">
          <button type="button" onClick={() => setStaying(true)}>
            Keep waiting
          </button>
          {leave}
        </div>
      ) : (
        <>
          {staying ? (
            <p ref={stayed} tabIndex={-1}>
              You keep your place. This page changes as soon as someone is free.
            </p>
          ) : null}
          {leave}
        </>
      )}
      <p class="muted small">
        {alias ? (
          <>
            <span>You are “{alias}”</span>.{' '}
          </>
        ) : null}
        You can keep this page open in the background. If you lose your connection, your place is kept for a
        minute.
      </p>
    </main>
  );
}
