import unhomoglyph from 'unhomoglyph';

/** Characters that draw nothing: every format character (Cf: zero-width, bidi controls, soft hyphen, U+180E) and the other default-ignorables (variation selectors, fillers). */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
/** Accents and other marks: dropped, so "fück" and "z̴a̴l̴g̴o̴" read as their letters. */
const MARK = /\p{M}/u;
/** Separators and the blank braille pattern: one space. */
const BLANK = /[\p{Z}\u2800]/u;
const DIGIT = /\p{Nd}/u;
/**
 * What the confusables table may turn a character into: one or two ASCII letters or digits, or one
 * ASCII sign (not two: curly double quotes stay quotes, not two apostrophes).
 */
const ASCII_LOOK = /^(?:[a-z0-9]{1,2}|[\x21-\x7e])$/i;
const ASCII = /^[^\u0080-\u{10ffff}]*$/u;

/** Folded characters, by code point: a message reuses few of them. Bounded, so no text can grow it without end. */
const folds = new Map<number, string>();
const FOLDS_KEPT = 8_192;

/**
 * A digit of any script, as its ASCII digit. Unicode assigns decimal digits only in runs of ten,
 * 0 to 9, so a digit's value is its distance from the start of its run, modulo ten.
 */
function digitValue(cp: number): string {
  let start = cp;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((cp - start) % 10);
}

/** One character folded: compatibility form, marks and invisibles dropped, digits and look-alikes to ASCII. */
function foldChar(cp: number): string {
  let out = '';
  for (const c of String.fromCodePoint(cp).normalize('NFKD')) {
    const x = c.codePointAt(0)!;
    if (x < 0x80) out += c;
    else if (INVISIBLE.test(c) || MARK.test(c)) continue;
    else if (BLANK.test(c)) out += ' ';
    else if (DIGIT.test(c)) out += digitValue(x);
    else out += lookAlike(c);
  }
  return out;
}

/**
 * The Latin letter (or ASCII sign) a character is confusable with, from Unicode's confusables table
 * (UTS #39), or the character itself. Looked up in lower case first: the table reads a capital
 * Cyrillic or Greek I as "l", its small letter as "i".
 */
function lookAlike(c: string): string {
  const lower = c.toLowerCase();
  const viaLower = lower.length === c.length ? unhomoglyph(lower) : '';
  if (ASCII_LOOK.test(viaLower)) return lower === c ? viaLower : viaLower.toUpperCase();
  const direct = unhomoglyph(c);
  return ASCII_LOOK.test(direct) ? direct : c;
}

function folded(cp: number): string {
  let f = folds.get(cp);
  if (f === undefined) {
    f = foldChar(cp);
    if (folds.size >= FOLDS_KEPT) folds.clear();
    folds.set(cp, f);
  }
  return f;
}

/** A folded text and, for each of its characters, where in the original text it came from. */
export interface FoldedText {
  text: string;
  /** Index in the original of the character each folded character came from; undefined when the text is the original itself. */
  origin?: Int32Array;
}

/**
 * The one Unicode fold every moderation hook matches on: compatibility forms (full-width, ligatures,
 * circled and styled letters) to plain ones; every invisible character (the whole Cf category and
 * the other default-ignorables) removed; accents dropped; digits of every script to ASCII digits;
 * letters that look Latin (Cyrillic "а", Greek "ο") to Latin. Case is kept. ASCII text is returned
 * as it is, without a pass over it.
 */
export function foldUnicode(text: string): string {
  return ASCII.test(text) ? text : fold(text, false).text;
}

/** foldUnicode, with where each folded character came from (to redact a span of the original). */
export function foldWithOrigin(text: string): FoldedText {
  return ASCII.test(text) ? { text } : fold(text, true);
}

function fold(text: string, withOrigin: boolean): FoldedText {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const f = cp < 0x80 ? text[i]! : folded(cp);
    out += f;
    if (withOrigin) for (let k = 0; k < f.length; k++) origin.push(i);
    if (cp > 0xffff) i++;
  }
  return withOrigin ? { text: out, origin: Int32Array.from(origin) } : { text: out };
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/**
 * Normalise text for matching: the Unicode fold, lower case, l33t digits and symbols to letters,
 * runs of one letter to one ("stuuupid" → "stupid"), letters spelled out with separators joined
 * ("f.u.c.k" → "fuck"), everything else to single spaces. Lists are normalised the same way.
 */
export function normalize(text: string): string {
  // Several hooks normalise the same message, one after another: the last answer is kept.
  if (text === last.text) return last.normal;
  let s = foldUnicode(text).toLowerCase();
  // Single letters joined by separators: "f u c k", "f.u.c.k", "f-u-c-k".
  s = s.replace(/\b(?:[a-z@$][\s.\-_*]){2,}[a-z@$]\b/g, (m) => m.replace(/[\s.\-_*]/g, ''));
  // Symbols count as letters only inside words ("sh!t", "h3ll0"), never "die!" or "I'm 25".
  s = s.replace(/[0-9@$](?=[a-z])|(?<=[a-z])[0-9@$]|!(?=[a-z])/g, (c) => LEET[c] ?? c);
  s = s.replace(/([a-z])\1+/g, '$1');
  const normal = s.replace(/[^a-z']+/g, ' ').trim();
  last.text = text;
  last.normal = normal;
  return normal;
}
const last = { text: '', normal: '' };
