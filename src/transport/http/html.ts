/** Markup built by `el` (escaped already); any plain string put beside it is text. */
export class Html {
  constructor(readonly raw: string) {}
  toString(): string {
    return this.raw;
  }
}

export type Child = string | Html | null | undefined | false | readonly Child[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, safe inside an element or a double-quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Elements with no closing tag. */
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr']);

const flatten = (child: Child): string =>
  child instanceof Html ? child.raw : typeof child === 'string' ? escapeHtml(child) : Array.isArray(child) ? child.map(flatten).join('') : '';

/**
 * One element as a string, every text and attribute escaped: `el('a', { href }, 'Call 988')`. An
 * attribute given `undefined` is left out. No whitespace is added between children, as Preact adds none.
 */
export function el(tag: string, attrs: Record<string, string | undefined>, ...children: Child[]): Html {
  const attributes = Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return new Html(VOID.has(tag) ? `<${tag}${attributes}>` : `<${tag}${attributes}>${flatten(children)}</${tag}>`);
}
