const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/**
 * Normalise text for matching: lower case, l33t digits and symbols to letters, runs of one letter
 * to one ("stuuupid" → "stupid"), letters spelled out with separators joined ("f.u.c.k" → "fuck"),
 * everything else to single spaces. Lists are normalised the same way, so they still match.
 */
export function normalize(text: string): string {
  // Several hooks normalise the same message, one after another: the last answer is kept.
  if (text === last.text) return last.normal;
  const normal = normalizeOnce(text);
  last.text = text;
  last.normal = normal;
  return normal;
}
const last = { text: '', normal: '' };

function normalizeOnce(text: string): string {
  let s = text.toLowerCase().replace(/[’‘]/g, "'");
  // Single letters joined by separators: "f u c k", "f.u.c.k", "f-u-c-k".
  s = s.replace(/\b(?:[a-z@$][\s.\-_*]){2,}[a-z@$]\b/g, (m) => m.replace(/[\s.\-_*]/g, ''));
  // Symbols count as letters only inside words ("sh!t", "h3ll0"), never "die!" or "I'm 25".
  s = s.replace(/[0-9@$](?=[a-z])|(?<=[a-z])[0-9@$]|!(?=[a-z])/g, (c) => LEET[c] ?? c);
  s = s.replace(/([a-z])\1+/g, '$1');
  return s.replace(/[^a-z']+/g, ' ').trim();
}

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
