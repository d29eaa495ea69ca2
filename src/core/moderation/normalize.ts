const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/**
 * Normalise text for matching: lower case, l33t digits and symbols to letters, runs of one letter
 * to one ("stuuupid" → "stupid"), letters spelled out with separators joined ("f.u.c.k" → "fuck"),
 * everything else to single spaces. Lists are normalised the same way, so they still match.
 */
export function normalize(text: string): string {
  // Several hooks normalise the same message, one after another: the last answer is kept.
  if (text === last.text) return last.normal;
  const normal = normalizePlain(text) ?? normalizeByPatterns(text);
  last.text = text;
  last.normal = normal;
  return normal;
}
const last = { text: '', normal: '' };

/** normalize, step by step with regular expressions: any text. */
export function normalizeByPatterns(text: string): string {
  let s = text.toLowerCase().replace(/[’‘]/g, "'");
  // Single letters joined by separators: "f u c k", "f.u.c.k", "f-u-c-k".
  s = s.replace(/\b(?:[a-z@$][\s.\-_*]){2,}[a-z@$]\b/g, (m) => m.replace(/[\s.\-_*]/g, ''));
  // Symbols count as letters only inside words ("sh!t", "h3ll0"), never "die!" or "I'm 25".
  s = s.replace(/[0-9@$](?=[a-z])|(?<=[a-z])[0-9@$]|!(?=[a-z])/g, (c) => LEET[c] ?? c);
  s = s.replace(/([a-z])\1+/g, '$1');
  return s.replace(/[^a-z']+/g, ' ').trim();
}

const isLetter = (x: number) => x >= 97 && x <= 122;
/** The separators of spelled-out letters in ASCII, but `_` and `*` (texts with those go by patterns). */
const isSeparator = (x: number) => x === 32 || (x >= 9 && x <= 13) || x === 46 || x === 45;
/** Characters only normalizeByPatterns handles: digits, `@ $ !` (l33t), `_ *` (\w and separators). */
const byPatternsOnly = (x: number) => x >= 128 || (x >= 48 && x <= 57) || x === 64 || x === 36 || x === 33 || x === 95 || x === 42;
/** A character dropped by the spelled-out step. */
const DROPPED = 0;

/**
 * normalizeByPatterns for ASCII text without digits, `@ $ ! _ *` (most messages), in three passes
 * over the characters instead of five regular expressions (a message's path, SPEC P1, P6); else
 * undefined. Its answers are held to normalizeByPatterns's by a test over many random texts.
 */
export function normalizePlain(text: string): string | undefined {
  const n = text.length;
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, 2 * scratch.length));
  const c = scratch;
  for (let i = 0; i < n; i++) {
    const x = text.charCodeAt(i);
    if (byPatternsOnly(x)) return undefined;
    // Lower case; a NUL is one more character that is neither a letter nor a separator.
    c[i] = x >= 65 && x <= 90 ? x + 32 : x || 1;
  }
  // Runs of three or more single letters, each one from the next by one separator, are joined.
  const single = (i: number) => i < n && isLetter(c[i]!) && (i === 0 || !isLetter(c[i - 1]!)) && (i + 1 === n || !isLetter(c[i + 1]!));
  for (let i = 0; i < n; i++) {
    if (!single(i)) continue;
    let end = i;
    while (end + 2 < n && isSeparator(c[end + 1]!) && single(end + 2)) end += 2;
    if (end - i >= 4) for (let j = i + 1; j < end; j += 2) c[j] = DROPPED;
    i = end;
  }
  // A run of one letter becomes that letter; anything but letters and apostrophes, one space.
  // Written over the characters read (never ahead of them).
  let length = 0;
  let previous = -1;
  let space = false;
  for (let i = 0; i < n; i++) {
    const x = c[i]!;
    if (x === DROPPED) continue;
    if (isLetter(x) || x === 39) {
      if (x !== previous || x === 39) {
        if (space && length) c[length++] = 32;
        space = false;
        c[length++] = x;
      }
    } else space = true;
    previous = x;
  }
  let normal = '';
  // In pieces: a call takes only so many arguments.
  for (let from = 0; from < length; from += 8_192) normal += String.fromCharCode.apply(null, c.subarray(from, Math.min(length, from + 8_192)) as unknown as number[]);
  return normal;
}
/** normalizePlain's characters, kept from one message to the next (it runs synchronously). */
let scratch = new Uint8Array(512);

/** A phrase of a PhraseList: its words, its place in the list, and itself padded with spaces. */
interface Phrase {
  words: string[];
  order: number;
  padded: string;
}

/**
 * A list of normalised phrases matched as whole words. The phrases are filed under their first
 * word, so a message is split into words once and each word is looked up once, however long the
 * list (MOD2 runs on every message, SPEC P1, P6).
 */
export class PhraseList {
  private readonly byFirstWord = new Map<string, Phrase[]>();

  constructor(phrases: readonly string[]) {
    [...new Set(phrases.map(normalize).filter(Boolean))].forEach((phrase, order) => {
      const words = phrase.split(' ');
      const entry = { words, order, padded: ` ${phrase} ` };
      const filed = this.byFirstWord.get(words[0]!);
      if (filed) filed.push(entry);
      else this.byFirstWord.set(words[0]!, [entry]);
    });
  }

  /**
   * The phrase that comes first in the list among those in `normalText` (already normalised: words
   * between single spaces), padded with spaces, or undefined.
   */
  find(normalText: string): string | undefined {
    const words = wordsOf(normalText);
    let found: Phrase | undefined;
    for (let i = 0; i < words.length; i++) {
      const filed = this.byFirstWord.get(words[i]!);
      if (filed) for (const phrase of filed) if ((!found || phrase.order < found.order) && startsAt(words, i, phrase.words)) found = phrase;
    }
    return found?.padded;
  }

  /** Whether any phrase occurs in `normalText` (already normalised). */
  in(normalText: string): boolean {
    return this.find(normalText) !== undefined;
  }
}

function startsAt(words: string[], at: number, phrase: string[]): boolean {
  if (at + phrase.length > words.length) return false;
  for (let j = 1; j < phrase.length; j++) if (words[at + j] !== phrase[j]) return false;
  return true;
}

/** A normalised text's words; several lists read the same text, one after another: the last is kept. */
function wordsOf(normalText: string): string[] {
  if (normalText !== lastWords.text) {
    lastWords.text = normalText;
    lastWords.words = normalText.split(' ');
  }
  return lastWords.words;
}
const lastWords = { text: '', words: [''] };
