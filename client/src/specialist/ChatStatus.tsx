import { LONG_WAIT_S, minutesWords } from './chat-status.js';

/**
 * UX5: "Waiting 2 min" for a seeker who awaits a reply; past LONG_WAIT_S it is marked (colour, a
 * sign and bold type, never colour alone). Under a minute reads "under a minute", not "less than 1".
 */
export function WaitBadge({ seconds }: { seconds: number }) {
  const long = seconds >= LONG_WAIT_S;
  return (
    <span class={long ? 'status status-late' : 'status status-wait'}>
      {long ? <span aria-hidden="true">! </span> : null}
      Waiting{' '}
      {seconds < 60 ? (
        <>
          <span aria-hidden="true">{minutesWords(seconds)}</span>
          <span class="sr-only">under a minute</span>
        </>
      ) : (
        minutesWords(seconds)
      )}
    </span>
  );
}

/** UX5: the seeker's connection dropped. */
export const OfflineBadge = () => <span class="status status-offline">Offline</span>;

/** UX5: back after a drop, for a short while. */
export const BackBadge = () => <span class="status status-back">Back online</span>;
