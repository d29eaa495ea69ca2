import type { ComponentChildren } from 'preact';

/** A status line: polite for progress, assertive (role=alert) for failures. */
export function Banner({ tone, children }: { tone: 'info' | 'warning' | 'error'; children: ComponentChildren }) {
  return (
    <p class={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
