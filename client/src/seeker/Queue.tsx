import { useState } from 'preact/hooks';
import { Banner } from '../shared/components/Banner.js';
import { queueText } from './eta.js';

export function Queue({ position, etaSeconds, notice, onCancel }: { position: number | null; etaSeconds: number | null; notice?: string; onCancel: () => Promise<string | null> }) {
  const { place, wait } = queueText(position, etaSeconds);
  const [error, setError] = useState<string | null>(null);
  return (
    <main id="main" class="narrow">
      <h1>Finding someone for you</h1>
      {notice ? <Banner tone="info">{notice}</Banner> : null}
      <div class="queue" role="status" aria-live="polite">
        <p class="place">{place}</p>
        <p>{wait}</p>
      </div>
      <p class="muted">You can keep this page open in the background. If you lose your connection, your place is kept for a minute.</p>
      {error ? <Banner tone="error">{error}</Banner> : null}
      <button type="button" class="secondary" onClick={async () => setError(await onCancel())}>
        Leave the line
      </button>
    </main>
  );
}
