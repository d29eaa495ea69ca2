import { useLayoutEffect, useRef, useState } from 'preact/hooks';

type Request = { target: string | HTMLElement | null; fallback?: string };

/**
 * UX4: move focus once the next render is on the page (a chat's heading that only now exists, a
 * button a dialog covered). Given an element that has gone, `fallback` (an element id) takes it, so
 * focus does not fall to the page body. Done at commit, not after paint: a later render flushes
 * effects left over from an earlier one first, before it has closed the dialog in the way.
 */
export function useFocusRequest(): (target: string | HTMLElement | null, fallback?: string) => void {
  const pending = useRef<Request | null>(null);
  // A request renders once more itself, so it never waits for some later, unrelated render.
  const [, rerender] = useState(0);
  useLayoutEffect(() => {
    const request = pending.current;
    if (!request) return;
    const { target, fallback } = request;
    const el = typeof target === 'string' ? document.getElementById(target) : target?.isConnected ? target : null;
    const chosen = el ?? (fallback ? document.getElementById(fallback) : null);
    // Behind an open modal the page refuses focus: the request waits for the render that closes it.
    const modal = document.querySelector('dialog[open]');
    if (chosen && modal && !modal.contains(chosen)) return;
    pending.current = null;
    chosen?.focus();
  });
  return (target, fallback) => {
    pending.current = { target, ...(fallback ? { fallback } : {}) };
    rerender((n) => n + 1);
  };
}
