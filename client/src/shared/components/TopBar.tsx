import type { ComponentChildren } from 'preact';

/** Every page's header: a skip link, the name, and what the page puts on the right. */
export function TopBar({ children }: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Peerline</span>
        {children}
      </header>
    </>
  );
}
