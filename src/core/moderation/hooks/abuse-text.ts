import { foldUnicode, normalize } from '../normalize.js';

/** How people write past a filter, spelled out: txt-speak for "you", and common respellings. */
export const SPELLED: Record<string, string> = {
  u: 'you', ya: 'you', yu: 'you', ur: 'your', urself: 'yourself', youself: 'yourself', r: 'are', da: 'the',
  fuk: 'fuck', fck: 'fuck', fk: 'fuck', fuq: 'fuck', phuck: 'fuck', fuc: 'fuck', fking: 'fucking', fkn: 'fucking', fckn: 'fucking',
  fuking: 'fucking', fcking: 'fucking', fuckin: 'fucking', fukin: 'fucking', effing: 'fucking', stoopid: 'stupid', stopid: 'stupid',
  stupd: 'stupid', dbag: 'douchebag', dickwad: 'dickhead', btch: 'bitch', biatch: 'bitch', bich: 'bitch',
  retart: 'retard', tard: 'retard', cnt: 'cunt', kunt: 'cunt', idjit: 'idiot', twot: 'twat',
};
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
/** Words that spelled-out letters may make ("f u c k y o u" → "fuck you"), besides the lists' own. */
const GLUE = ['you', 'your', 'yourself', 'up', 'off', 'shut', 'go', 'die', 'kill', 'fuck', 'fucking', 'shit', 'are', 'a', 'an'];

/** A clause's words for the abuse lists: l33t, spelled-out and starred letters, respellings, then normalised. */
export function abuseWords(clause: string, vocabulary: ReadonlySet<string> = new Set()): string[] {
  const tokens = clause.split(/\s+/).filter(Boolean).map((t) => unleet(starred(t, vocabulary)));
  const glued = glue(tokens, vocabulary);
  const words = normalize(glued.join(' ')).split(' ');
  for (let i = 0; i < words.length; i++) words[i] = respell(words[i]!, vocabulary);
  return words.filter(Boolean);
}

/**
 * A normalised word as the lists spell it: txt-speak and respellings ("u" → "you", "fuk" → "fuck"),
 * and a letter that stands in for a vowel ("fvck", "cvnt", "bytch") when that makes a listed word.
 * Only v for u and y for i: swapping one vowel for another makes real words ("cant", "duck").
 */
export function respell(word: string, vocabulary: ReadonlySet<string>): string {
  const respelled = RESPELLED.get(word) ?? (word.includes("'") ? RESPELLED.get(word.replace(/'/g, '')) : undefined);
  if (respelled) return respelled;
  if (word.length < 3 || vocabulary.has(word) || !/[vy]/.test(word)) return word;
  const swapped = word.replace(/v/g, 'u').replace(/y/g, 'i');
  return vocabulary.has(swapped) ? swapped : (RESPELLED.get(swapped) ?? word);
}

/** SPELLED as normalised words ("fuck" is "fuck", "stupid" is "stupid"), worked out once. */
export const RESPELLED = new Map(Object.entries(SPELLED).map(([from, to]) => [normalize(from), normalize(to)]));

/** "w4nk3r", "l053r": digits and symbols inside a word that has letters are letters. */
function unleet(token: string): string {
  if (!/[a-z]/i.test(token) || !/[0-9@$!]/.test(token)) return token;
  return token.replace(/[0-9@$!](?=.*[a-z])|(?<=[a-z].*)[0-9@$!]/gi, (c) => LEET[c] ?? c);
}

/** "f*ck", "c*nt": a starred-out letter becomes the vowel that makes a listed word. */
function starred(token: string, vocabulary: ReadonlySet<string>): string {
  if (!token.includes('*')) return token;
  for (const vowel of 'uioae') {
    const candidate = normalize(token.replace(/\*+/g, vowel));
    if (vocabulary.has(candidate) || GLUE.includes(candidate) || vocabulary.has(SPELLED[candidate] ?? '')) return token.replace(/\*+/g, vowel);
  }
  return token;
}

/** The lists' words with the glue words, per lists (one hook, one set). */
const DICTS = new WeakMap<ReadonlySet<string>, Set<string>>();

/**
 * Runs of single letters ("f u c k y o u", "k.y.s", "d-bag") are read as spelling when they make
 * listed words; otherwise each letter stays a word ("u r a moron": "you are a moron").
 */
function glue(tokens: string[], vocabulary: ReadonlySet<string>): string[] {
  if (!tokens.some((t) => t.length === 1 || /^[a-z]([.\-_][a-z])+$/i.test(t) || /^[a-z]-[a-z]+$/i.test(t))) return tokens;
  let dict = DICTS.get(vocabulary);
  // Txt-speak may be spelled out too: "u r a m o r o n" is "ur a moron".
  if (!dict) DICTS.set(vocabulary, (dict = new Set([...vocabulary, ...GLUE.map(normalize), ...RESPELLED.keys()])));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.replace(/^([a-z])[.\-_]([a-z](?:[.\-_][a-z])*)$/i, (m) => m.replace(/[.\-_]/g, '')).replace(/^([a-z])-([a-z]+)$/i, '$1$2');
    if (!/^[a-z]$/i.test(t)) {
      out.push(t);
      continue;
    }
    let j = i;
    while (j < tokens.length && /^[a-z]$/i.test(tokens[j]!)) j++;
    const run = tokens.slice(i, j).join('').toLowerCase();
    const words = j - i >= 3 ? segment(run, dict) : undefined;
    if (words) out.push(...words);
    else out.push(...tokens.slice(i, j).map((x) => SPELLED[x.toLowerCase()] ?? x));
    i = j - 1;
  }
  return out;
}

/** `run` split wholly into dictionary words with at least one listed word, or undefined. */
function segment(run: string, dict: ReadonlySet<string>): string[] | undefined {
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= run.length; end++) {
    for (let start = Math.max(0, end - 16); start < end; start++) {
      const head = best[start];
      const word = normalize(run.slice(start, end));
      if (head && dict.has(word) && (!best[end] || head.length + 1 < best[end]!.length)) best[end] = [...head, word];
    }
  }
  const words = best[run.length];
  return words && words.some((w) => !GLUE.includes(w) || w === 'fuck') ? words : undefined;
}

/**
 * Clauses: a comma or a full stop ends what "you" can reach ("thank you, I'm an idiot"). Dots
 * between letters ("f.u.c.k", "k.y.s") spell a word and end nothing.
 */
export function clausesOf(text: string): string[] {
  return foldUnicode(text).split(/[,;:?\n()]+|!+(?![a-z0-9])|\.+(?=\s|$)/i).filter((c) => c.trim());
}

/** Quoted words are someone else's: "someone wrote 'go die' on my locker". */
export function unquoted(clause: string): string {
  return clause.replace(/["“«][^"”»]*["”»]|(^|\s)'[^']+'(?=\s|$)/g, ' ');
}
