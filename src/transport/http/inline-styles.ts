import { createHash } from 'node:crypto';

const STYLESHEET = /<link rel="stylesheet"(?: crossorigin)? href="([^"]+)">/g;

export interface InlinedPage {
  html: string;
  /** CSP sources ('sha256-…') that allow exactly the inlined styles. */
  styleSources: string[];
}

/**
 * The page with its stylesheets put inside it as <style> elements, so the first paint waits for no
 * second request: on a slow phone the stylesheet would otherwise share the line with the scripts
 * and hold back the first paint (SPEC P7). A sheet `read` cannot find (or that would end its own
 * <style> early) stays a link.
 */
export function inlineStylesheets(html: string, read: (href: string) => string | null): InlinedPage {
  const styleSources: string[] = [];
  const inlined = html.replace(STYLESHEET, (tag, href: string) => {
    const css = read(href);
    if (css === null || /<\/style/i.test(css)) return tag;
    styleSources.push(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    return `<style>${css}</style>`;
  });
  return { html: inlined, styleSources };
}

/** `csp` with `sources` added to its style-src directive (unchanged when it has none to extend). */
export function allowStyles(csp: string, sources: readonly string[]): string {
  if (!sources.length) return csp;
  return csp
    .split(';')
    .map((directive) => (/^\s*style-src\s/.test(directive) ? `${directive} ${sources.join(' ')}` : directive))
    .join(';');
}
