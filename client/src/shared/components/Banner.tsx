import type { ComponentChildren } from 'preact';

/**
 * A status line: polite for progress, assertive (role=alert) for failures. `quiet`: not announced
 * by itself, for a line whose news the page announces some other way (the chat's own notices).
 */
export function Banner({ tone, quiet, children }: { tone: 'info' | 'warning' | 'error'; quiet?: boolean; children: ComponentChildren }) {
  return (
    <p class={`banner banner-${tone}`} role={quiet ? undefined : tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
