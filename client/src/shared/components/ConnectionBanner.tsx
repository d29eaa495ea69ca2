import { connectionText, KEPT_MESSAGES, type ConnectionState } from '../connection.js';

/**
 * UX3: the connection's state in calm words, or nothing while it is fine. `kept` says what the
 * page keeps meanwhile (default: the person's messages, sent when the connection is back). The
 * live region stays on the page while the line comes and goes, so screen readers hear it come.
 */
export function ConnectionBanner({ state, kept = KEPT_MESSAGES }: { state: ConnectionState; kept?: string }) {
  const text = connectionText(state, kept);
  const tone = state.status === 'refused' && !state.retrying ? 'error' : 'warning';
  return (
    <div role="status" class="connection">
      {text ? <p class={`banner banner-${tone}`}>{text}</p> : null}
    </div>
  );
}
