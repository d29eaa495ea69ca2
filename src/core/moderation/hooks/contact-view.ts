import { foldWithOrigin } from '../normalize.js';
import { RESPELLINGS } from './contact-respellings.js';

/**
 * A message as the contact patterns read it (folded, respelled) and, for each of its characters,
 * where in the message it came from: a detail found in the view is removed from the message itself.
 */
export interface ContactView {
  /** The message the view was made from. */
  source: string;
  text: string;
  /**
   * Where in `source` each character of `text` came from: `[starts[i], ends[i])`. Undefined while
   * `text` is `source`.
   */
  starts: Int32Array | undefined;
  ends: Int32Array | undefined;
}

/** The view the contact patterns read: the Unicode fold, then the respellings. */
export function contactView(source: string): ContactView {
  const folded = foldWithOrigin(source);
  let view: ContactView = { source, text: folded.text, starts: folded.origin, ends: folded.origin && endsOf(source, folded.origin) };
  for (const { when, steps } of RESPELLINGS) if (when.test(view.text)) for (const [re, to] of steps) view = rewrite(view, re, to);
  return view;
}

/** Where each folded character's source character ends (a character outside the BMP takes two). */
function endsOf(source: string, origin: Int32Array): Int32Array {
  return origin.map((i) => {
    const code = source.charCodeAt(i);
    return i + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
  });
}

/** The view with each match of `re` replaced; each character of a replacement comes from all it replaced. */
export function rewrite(view: ContactView, re: RegExp, to: (m: string) => string): ContactView {
  re.lastIndex = 0;
  if (!re.test(view.text)) return view;
  re.lastIndex = 0;
  const startOf = (i: number) => (view.starts ? view.starts[i]! : i);
  const endOf = (i: number) => (view.ends ? view.ends[i]! : i + 1);
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let copied = 0;
  let changed = false;
  const copy = (end: number) => {
    text += view.text.slice(copied, end);
    for (let i = copied; i < end; i++) {
      starts.push(startOf(i));
      ends.push(endOf(i));
    }
  };
  for (const m of view.text.matchAll(re)) {
    const replacement = to(m[0]);
    if (replacement === m[0]) continue;
    copy(m.index);
    const from = startOf(m.index);
    const to_ = endOf(m.index + m[0].length - 1);
    for (let k = 0; k < replacement.length; k++) {
      starts.push(from);
      ends.push(to_);
    }
    text += replacement;
    copied = m.index + m[0].length;
    changed = true;
  }
  if (!changed) return view;
  copy(view.text.length);
  return { source: view.source, text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Where the view's characters `start` to `end` (exclusive) are in the message: `[from, to)`. */
export function sourceSpan(view: ContactView, start: number, end: number): [number, number] {
  return view.starts && view.ends ? [view.starts[start]!, view.ends[end - 1]!] : [start, end];
}
