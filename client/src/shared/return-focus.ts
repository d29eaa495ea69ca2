import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * For a non-modal panel: remember the last element focused outside it (from when it opened, and
 * whatever the person moved to since, such as the message box), and give focus back to it when the
 * panel goes, if focus was in the panel (or fell to the body with it). Never steals focus from
 * somewhere else on the page. `fallback` answers when that element has gone too.
 */
export function useReturnFocus(panel: RefObject<HTMLElement>, fallback: () => HTMLElement | null): void {
  const last = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const remember = (el: EventTarget | null) => {
      if (el instanceof HTMLElement && el !== document.body && !panel.current?.contains(el)) last.current = el;
    };
    remember(document.activeElement);
    const onFocus = (e: FocusEvent) => remember(e.target);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('focusin', onFocus);
      const active = document.activeElement;
      if (active && active !== document.body && !panel.current?.contains(active)) return;
      // Effects are cleaned up before the panel leaves the page, so focus moves before it can fall to the body.
      (last.current?.isConnected ? last.current : fallback())?.focus();
    };
  }, []);
}
