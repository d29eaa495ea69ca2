import { useEffect, useRef } from 'preact/hooks';

/** Alt+U marks the chat on screen urgent: for the moment a specialist must not hunt for a button. */
export const MARK_URGENT_KEYS = 'Alt+U';

/**
 * Alt+U by the key's place, not its character: on a Mac, Option+U types a dead key ("¨"), not "u",
 * and other layouts put letters elsewhere under Alt.
 */
export const isMarkUrgent = (e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): boolean =>
  e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyU';

/** Run `handler` on the shortcut, anywhere on the page, while `enabled`. */
export function useShortcut(matches: (e: KeyboardEvent) => boolean, handler: () => void, enabled: boolean): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!matches(e)) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
