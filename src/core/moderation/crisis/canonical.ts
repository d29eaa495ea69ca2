import { stemmer } from 'stemmer';
import { CONTRACTIONS, FUZZY_TARGETS, NUMBER_WORDS, SPELLINGS } from './spellings.js';

/** The end of a sentence, as a token: rules can say "nothing follows". */
export const END = '#';
/** A comma, as a token: a softer end, which rules may treat as one. */
export const COMMA = ',';

/**
 * A message as the crisis rules read it: sentences of canonical tokens. Canonical means lower
 * case, contractions and txt-speak spelled out ("im" → "i am", "wanna" → "want to"), known
 * misspellings and near-misses of key words mended ("sucide" → "suicide"), counts of eight or
 * more as "many", and every word reduced to its stem ("took" → "take", "pills" → "pill"). The
 * rules are written in plain words and go through the same steps, so they meet the text halfway.
 */
export function canonicalSentences(text: string): string[][] {
  const sentences: string[][] = [];
  for (const raw of splitSentences(text)) {
    const tokens = canonicalTokens(raw);
    if (tokens.length) sentences.push(tokens);
  }
  return sentences;
}

/** The canonical tokens of one piece of text (a sentence, or a word of a rule). */
export function canonicalTokens(text: string): string[] {
  const words = spelledOut(rawWords(text));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // "want 2 die", "going 2": a 2 between words is "to"; a count stays a count.
    if (word === '2' && i > 0 && i + 1 < words.length && !/^\d/.test(words[i + 1]!) && !isDrugWord(words[i + 1]!)) {
      out.push('to');
      continue;
    }
    out.push(stem(word));
  }
  return out;
}

function splitSentences(text: string): string[] {
  return text.split(/[.!?;\n\r]+(?=\s|$)|[!?;\n\r]+/);
}

/** Lower case, compatibility forms folded, accents dropped, digits split from letters ("30mg"). */
function rawWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\bw\/o\b/g, 'without')
    // "d*e", "k*ll myself": a starred-out letter is the vowel that makes a key word; failing
    // that it is dropped, and the near-miss step may mend the word ("s*icide").
    .replace(/[a-z]*\*+[a-z]*/g, unstar)
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d{2,})/g, '$1 $2');
  // A comma is kept as a word of its own: rules that look for the end of a clause also stop there.
  const words = folded.match(/[a-z0-9']+|,/g) ?? [];
  const out: string[] = [];
  for (let word of words) {
    word = word.replace(/^'+|'+$/g, '');
    if (!word) continue;
    // Letters stretched for feeling ("diieee", "pleeease") count once; doubles stay ("kill").
    word = word.replace(/([a-z])\1{2,}/g, '$1');
    out.push(word);
  }
  return out;
}

const STARRED_KEYS = new Set(['die', 'dead', 'kill', 'cut', 'hang', 'jump', 'knife', 'pills', 'suicide', 'suicidal', 'myself', 'overdose', 'unalive', 'bleed', 'hurt', 'harm', 'noose', 'death', 'end']);

function unstar(word: string): string {
  for (const vowel of 'aeiou') {
    const filled = word.replace(/\*+/g, vowel);
    if (STARRED_KEYS.has(filled)) return filled;
  }
  return word.replace(/\*+/g, '');
}

/** Contractions, txt-speak, slang and misspellings spelled out; number words as digits. */
function spelledOut(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // "ill be safe": "i'll" without its apostrophe, told from "ill" by the verb after it.
    const elided = ELIDED.get(word);
    if (elided && ILL_VERBS.has(words[i + 1] ?? '')) {
      out.push(elided, 'will');
      continue;
    }
    const number = NUMBER_WORDS.get(word) ?? (/^\d+$/.test(word) ? Number(word) : undefined);
    if (number !== undefined) {
      // "50 mg" is one dose's strength, not a count of pills.
      out.push(UNITS.has(words[i + 1] ?? '') ? 'strength' : number >= 8 ? 'many' : String(number));
      continue;
    }
    const spelled = CONTRACTIONS.get(word) ?? SPELLINGS.get(word) ?? nearMiss(word) ?? possessiveOrContraction(word);
    if (spelled === undefined) out.push(word);
    else for (const part of spelled.split(' ')) out.push(part);
  }
  return out;
}

const UNITS = new Set(['mg', 'mgs', 'mcg', 'ml', 'g', 'milligrams', 'milligram', 'grams', 'gram', 'iu', 'percent', 'am', 'pm', 'min', 'mins', 'minutes', 'hours', 'hrs', 'days', 'weeks', 'months', 'years', 'km', 'miles', 'kg', 'lbs', 'k', 'quid', 'pounds', 'dollars', 'bucks', 'euros', 'pm', 'o']);

/** "ill", "hell", "shell": "i'll", "he'll", "she'll" without the apostrophe, when a verb follows. */
const ELIDED = new Map([['ill', 'i'], ['hell', 'he'], ['shell', 'she']]);
const ILL_VERBS = new Set(['be', 'do', 'go', 'never', 'just', 'try', 'kill', 'end', 'hurt', 'probably', 'have', 'get', 'make', 'take', 'see', 'need', 'always', 'still', 'die', 'not', 'miss', 'jump', 'cut', 'do', 'finally', 'actually', 'really', 'stay', 'keep', 'ever', 'leave', 'say', 'tell', 'talk']);

/** "he's" → "he is", "kids'" → "kids", "they'll" → "they will"; other words as they are. */
function possessiveOrContraction(word: string): string | undefined {
  if (!word.includes("'")) return undefined;
  const m = /^(.*?)('s|'re|'ll|'ve|'d|'m|n't)$/.exec(word);
  if (!m) return word.replace(/'/g, '');
  const rest = { "'s": 'is', "'re": 'are', "'ll": 'will', "'ve": 'have', "'d": 'would', "'m": 'am', "n't": 'not' }[m[2]!]!;
  const head = m[2] === "n't" ? (m[1] === 'wo' ? 'will' : m[1] === 'ca' ? 'can' : m[1]!) : m[1]!;
  return `${head} ${rest}`;
}

/**
 * A word one edit from a key word (a letter missing, added, changed or two swapped) becomes that
 * word, for long key words only (short ones have real neighbours: "pill" and "bill"). Found by
 * deletions (the symmetric-delete method): both sides' one-letter deletions meet in a table.
 */
function nearMiss(word: string): string | undefined {
  if (word.length < 5 || FUZZY_TARGETS.has(word)) return undefined;
  const direct = DELETIONS.get(word);
  if (direct) return direct;
  for (let i = 0; i < word.length; i++) {
    const hit = DELETIONS.get(word.slice(0, i) + word.slice(i + 1));
    if (hit && Math.abs(hit.length - word.length) <= 1) return hit;
  }
  return undefined;
}

const DELETIONS = new Map<string, string>();
for (const target of FUZZY_TARGETS) {
  for (let i = 0; i < target.length; i++) {
    const key = target.slice(0, i) + target.slice(i + 1);
    if (!DELETIONS.has(key)) DELETIONS.set(key, target);
  }
}

const DRUG_HINT = /^(pill|tablet|paracetamol|ibuprofen|aspirin|tylenol|advil|meds?|capsule|sleeping)/;
const isDrugWord = (word: string) => DRUG_HINT.test(word);

/** Stems through the Porter stemmer; "dying" and "took" are irregular and mapped first. */
function stem(word: string): string {
  const known = STEMS.get(word);
  if (known) return known;
  const stemmed = word.length > 2 ? stemmer(word) : word;
  if (STEMS.size < 20_000) STEMS.set(word, stemmed);
  return stemmed;
}

const IRREGULAR: Record<string, string> = {
  dying: 'die', died: 'die', dies: 'die', took: 'take', taken: 'take', hung: 'hang', drank: 'drink', drunk: 'drink',
  ate: 'eat', eaten: 'eat', burnt: 'burn', shot: 'shoot', threw: 'throw', thrown: 'throw', gave: 'give', given: 'give',
  wrote: 'write', written: 'write', said: 'say', told: 'tell', felt: 'feel', kept: 'keep', bought: 'buy', got: 'get',
  gotten: 'get', went: 'go', thought: 'think', thoughts: 'think', swam: 'swim', stole: 'steal', hid: 'hide',
  slit: 'slit', bled: 'bleed', fell: 'fall', chose: 'choose', chosen: 'choose', made: 'make', left: 'leave', stuck: 'stick',
  beaten: 'beat', goes: 'go', does: 'do', has: 'have', had: 'have', choked: 'choke', overdid: 'overdo',
};
/** Stems already worked out (a message's words repeat across messages); seeded with the irregular ones. */
const STEMS = new Map<string, string>(Object.entries(IRREGULAR).map(([w, s]) => [w, stemmer(s)]));
