import { useLayoutEffect, useRef } from 'preact/hooks';

/** UX4: give focus to a screen's heading, made focusable by script (tabindex -1) if it is not. */
export function focusHeading(heading: HTMLElement | null | undefined): void {
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}

/** The heading of the page's main content. */
export const mainHeading = (): HTMLElement | null => document.querySelector<HTMLElement>('#main h1');

/**
 * The control that opened something: the focused element, or, where a click does not focus a
 * button (Safari), the button last clicked. Read when the thing opens.
 */
export function opener(): HTMLElement | null {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body) return active;
  return lastClicked?.isConnected ? lastClicked : null;
}
let lastClicked: HTMLElement | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('click', (e) => (lastClicked = e.target instanceof Element ? e.target.closest<HTMLElement>('button, a, [tabindex]') : null), true);
}

/** Focus that fell with what held it: to the page body, or to nothing. */
export const focusLost = (): boolean => {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
};

/**
 * UX4: when `screen` changes, focus moves to the new screen's heading, so a screen reader hears
 * where the person is now and Tab goes on from there. Focus somewhere on purpose (a question the
 * new screen asks first, the crisis lines the person is reading) stays where it is; only focus
 * that fell with the old screen is moved. `null` is no screen yet (loading): the first screen
 * after it is where the page starts, not a change.
 */
export function useScreenFocus(screen: string | null, heading: () => HTMLElement | null = mainHeading): void {
  const last = useRef(screen);
  // As the new screen is put on the page, before anything else can move focus or a key can land on nothing.
  useLayoutEffect(() => {
    const before = last.current;
    last.current = screen;
    if (before === null || screen === null || before === screen) return;
    if (focusLost()) focusHeading(heading());
  }, [screen]);
}
