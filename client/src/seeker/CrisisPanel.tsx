import { useEffect, useRef } from 'preact/hooks';
import type { Resource } from '../../../src/protocol/http.js';
import { ResourceLinks } from '../shared/components/Resources.js';
import { useReturnFocus } from '../shared/return-focus.js';

export const CRISIS_TOGGLE_ID = 'crisis-toggle';
export const CRISIS_PANEL_ID = 'crisis-panel';

interface Props {
  resources: Resource[];
  /** Sent by the server (crisis language, or the specialist marked the chat urgent): announce it. */
  alert: boolean;
  onClose: () => void;
}

/**
 * Crisis lines at the top of the page (UX1): wholly in view on a phone, beside a message box that
 * stays usable, so it is not a modal. Calm, not red: it offers help, it does not raise an alarm.
 * Focus stays where the person is typing; closing gives it back to where it was.
 */
export function CrisisPanel({ resources, alert, onClose }: Props) {
  const ref = useRef<HTMLElement>(null);
  useReturnFocus(ref, () => document.getElementById('composer-text') ?? document.getElementById(CRISIS_TOGGLE_ID));
  useEffect(() => {
    // The panel is first on the page: a page scrolled down (a long landing) goes back to the top.
    const box = ref.current?.getBoundingClientRect();
    if (box && (box.top < 0 || box.bottom > window.innerHeight)) window.scrollTo({ top: 0 });
  }, []);
  return (
    <section
      id={CRISIS_PANEL_ID}
      ref={ref}
      class="crisis-panel"
      aria-labelledby="crisis-title"
      role={alert ? 'alert' : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div class="crisis-head">
        <h2 id="crisis-title">Free help, right now</h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close<span class="sr-only"> crisis lines</span>
        </button>
      </div>
      <ResourceLinks resources={resources} />
    </section>
  );
}
