import { COMMA, END, canonicalTokens } from './canonical.js';

/** One kind of crisis statement, as the specialist reads it on the urgent marker. */
export type CrisisCategory = 'suicidal thoughts' | 'plan mentioned' | 'self-harm' | 'farewell' | 'danger from another person' | 'someone else at risk' | 'not safe now';

/**
 * A rule in plain words, over one sentence. Items are separated by spaces:
 * - `CLASS` (upper case): any phrase of that word class;
 * - `word` or `a/b/c`: a word, or one of several; `take+my+life` joins words into one phrase;
 * - `~N`: up to N other words; `#`: the end of the sentence or a comma;
 * - `item?`: optional; `!item`: the next words are not this (a guard, consumes nothing).
 */
export interface RuleSpec {
  category: CrisisCategory;
  pattern: string;
  /**
   * Patterns that, found anywhere in the sentence, make this rule stand down (idioms, topics,
   * accidents); one that starts with `@` is looked for in the whole message.
   */
  unless?: string[];
  /** Whether "not", "never"… up to three words before the match make it stand down (default true). */
  negatable?: boolean;
  /** Whether someone else ("he", "my friend") up to three words before the match makes it stand down. */
  aboutOthers?: boolean;
  /** Read over the whole message, its sentences joined by `#`, not one sentence at a time. */
  wholeMessage?: boolean;
}

export interface CompiledRule {
  category: CrisisCategory;
  pattern: string;
  regex: RegExp;
  /** The same pattern, global: every place it matches is tried against negation and other people. */
  everywhere: RegExp;
  unless: RegExp[];
  /** Guards read over the whole message (a topic named in another sentence: "...? for my course"). */
  unlessAnywhere: RegExp[];
  negatable: boolean;
  aboutOthers: boolean;
  wholeMessage: boolean;
  /** The words of the rule's least common required item: the rule cannot match a sentence without one. */
  anchors: Set<string>;
  /** Each required item's first words: the rule cannot match unless every one of them has one present. */
  requires: Set<string>[];
}

export type WordClasses = Record<string, string[]>;

const COMMON = new Set(['i', 'me', 'my', 'to', 'the', 'a', 'be', 'not', 'do', 'is', 'am', 'you', 'it', 'and', 'of', 'in', 'on', 'at', 'for', 'with', 'that', 'thi', 'so', 'just', 'want', 'go', 'get', 'have', 'can', 'will', 'would', 'like', 'feel', 'all', 'now', 'wa', 'are', 'he', 'she', 'they', 'up', 'out', 'off', 'right', 'about', 'some', 'an', 'take']);

interface Item {
  source: string;
  regex: string;
  optional: boolean;
  guard: boolean;
  gap: boolean;
  words: string[];
  phrases: number;
}

/** Compiles rules against word classes; a class or word the rules name but nobody defined is an error. */
export class RuleCompiler {
  private readonly classes = new Map<string, string[]>();

  constructor(classes: WordClasses) {
    for (const [name, phrases] of Object.entries(classes)) this.classes.set(name, [...new Set(phrases.map(canonicalPhrase).filter(Boolean))]);
  }

  compile(spec: RuleSpec): CompiledRule {
    const span = spec.wholeMessage ?? false;
    const items = spec.pattern.split(/\s+/).filter(Boolean).map((s) => this.item(s, spec.pattern, span));
    const required = items.filter((i) => !i.optional && !i.guard && !i.gap && i.words.length);
    if (!required.length) throw new Error(`crisis rule "${spec.pattern}" needs a word it cannot match without`);
    const anchor = required.reduce((best, i) => (rarity(i) < rarity(best) ? i : best));
    return {
      category: spec.category,
      pattern: spec.pattern,
      regex: new RegExp(` ${items.map((i) => i.regex).join('')}`),
      everywhere: new RegExp(` ${items.map((i) => i.regex).join('')}`, 'g'),
      unless: (spec.unless ?? []).filter((u) => !u.startsWith('@')).map((u) => this.guard(u)),
      unlessAnywhere: (spec.unless ?? []).filter((u) => u.startsWith('@')).map((u) => this.guard(u.slice(1))),
      negatable: spec.negatable ?? true,
      aboutOthers: spec.aboutOthers ?? false,
      wholeMessage: spec.wholeMessage ?? false,
      anchors: new Set(anchor.words),
      requires: required.map((i) => new Set(i.words)),
    };
  }

  /** A guard pattern, compiled to look for it anywhere in a sentence or message. */
  guard(pattern: string): RegExp {
    return new RegExp(` ${pattern.split(/\s+/).filter(Boolean).map((s) => this.item(s, pattern).regex).join('')}`);
  }

  /** A class's phrases, canonical, for code that looks words up directly. */
  words(name: string): Set<string> {
    return new Set(this.phrasesOf(name, name));
  }

  /** One item of a pattern; `span`: gaps may cross the ends of sentences (whole-message rules). */
  private item(source: string, pattern: string, span = false): Item {
    if (/^~\d+$/.test(source)) return { source, regex: `(?:${span ? '\\S' : '[^ #]'}+ ){0,${source.slice(1)}}`, optional: false, guard: false, gap: true, words: [], phrases: 0 };
    if (source === '#') return { source, regex: `(?:${END}|${COMMA}) `, optional: false, guard: false, gap: false, words: [], phrases: 0 };
    const guard = source.startsWith('!');
    const optional = source.endsWith('?');
    const body = source.replace(/^!/, '').replace(/\?$/, '');
    const phrases = body.split('/').flatMap((alt) => (/^[A-Z_]+$/.test(alt) ? this.phrasesOf(alt, pattern) : alt === '#' ? [END, COMMA] : [canonicalPhrase(alt.replace(/\+/g, ' '))]));
    const alternation = `(?:${phrases.map((p) => `${escape(p)} `).join('|')})`;
    const regex = guard ? `(?!${alternation})` : optional ? `${alternation}?` : alternation;
    const words = [...new Set(phrases.map((p) => p.split(' ')[0]!))];
    return { source, regex, optional, guard, gap: false, words, phrases: phrases.length };
  }

  private phrasesOf(name: string, pattern: string): string[] {
    const phrases = this.classes.get(name);
    if (!phrases) throw new Error(`crisis rule "${pattern}" names an unknown word class ${name}`);
    return phrases;
  }
}

function canonicalPhrase(phrase: string): string {
  return canonicalTokens(phrase).join(' ');
}

/** Lower is rarer: common words make a poor anchor, and so do many alternatives. */
function rarity(item: Item): number {
  return item.words.filter((w) => COMMON.has(w)).length * 1000 + item.phrases;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
