import { END, canonicalSentences } from './canonical.js';
import { RuleCompiler, type CompiledRule, type CrisisCategory, type RuleSpec } from './compile.js';
import { DANGER_RULES } from './rules-danger.js';
import { FAREWELL_RULES } from './rules-farewell.js';
import { HARM_RULES } from './rules-harm.js';
import { MEANS_AT_HAND_RULES } from './rules-means-at-hand.js';
import { MEANS_RULES } from './rules-means.js';
import { NOW_RULES } from './rules-now.js';
import { THOUGHT_RULES } from './rules-thoughts.js';
import { RESOLVED } from './resolved.js';
import { CLASSES } from './vocabulary.js';
import { WordModel, type WordModelWeights } from './word-model.js';

/** What the classifier found: whether it is a crisis, of which kinds, and the rules that said so. */
export interface CrisisFinding {
  crisis: boolean;
  categories: CrisisCategory[];
  /** The patterns that matched, for tests and for whoever tunes the rules. */
  rules: string[];
}

const NONE: CrisisFinding = Object.freeze({ crisis: false, categories: [], rules: [] }) as CrisisFinding;

/**
 * The word model flags a message no rule found when it is at least this sure (chosen on sets it
 * had not learnt from, docs/crisis-detection.md). It never takes back a rule's finding: a missed
 * crisis costs more than a false alarm.
 */
export const MODEL_FLAGS_ABOVE = 0.8;

/** How far back a "not" or a "he" still governs a match. */
const LOOK_BACK = 3;
/** "can't stop thinking about it", "can't help wanting": a "not" before these does not negate what follows. */
const NOT_NEGATING = new Set(['stop', 'help', 'quit', 'shake', 'get']);

/**
 * MOD2b: a small, explainable classifier of kinds of crisis statement. A message is split into
 * sentences of canonical tokens once; a sentence holding none of the rules' anchor words is
 * passed at once (most messages); otherwise each rule whose anchor it holds is tried: a proximity
 * pattern over the words, then its guards (idioms, topics, accidents), negation and who it is about.
 */
export class CrisisClassifier {
  private readonly rules: CompiledRule[];
  private readonly anchors = new Set<string>();
  /** The rules filed under each word of their anchor: a sentence is tried only on the rules its words can start. */
  private readonly byAnchor = new Map<string, CompiledRule[]>();
  private readonly negations: Set<string>;
  private readonly others: Set<string>;
  private readonly resolved: { past: RegExp[]; over: RegExp[]; longAgo: RegExp[]; still: RegExp[]; dangerOver: RegExp[]; denied: RegExp[]; forOther: RegExp[]; selfToo: RegExp[] };
  private readonly model: WordModel | undefined;
  /** Words that name a means, an injury or harm done by someone: the kind a model finding is given. */
  private readonly kinds: { plan: Set<string>; harm: Set<string>; danger: Set<string>; farewell: Set<string> };

  constructor(extra: RuleSpec[] = [], model?: WordModelWeights) {
    const compiler = new RuleCompiler(CLASSES);
    this.rules = [...THOUGHT_RULES, ...MEANS_RULES, ...MEANS_AT_HAND_RULES, ...HARM_RULES, ...FAREWELL_RULES, ...DANGER_RULES, ...NOW_RULES, ...extra].map((r) => compiler.compile(r));
    for (const rule of this.rules) {
      for (const word of rule.anchors) {
        this.anchors.add(word);
        const filed = this.byAnchor.get(word);
        if (filed) filed.push(rule);
        else this.byAnchor.set(word, [rule]);
      }
    }
    this.negations = compiler.words('NEG');
    this.others = compiler.words('THIRD');
    const guards = (patterns: string[]) => patterns.map((p) => compiler.guard(p));
    this.resolved = { past: guards(RESOLVED.past), over: guards(RESOLVED.over), longAgo: guards(RESOLVED.longAgo), still: guards(RESOLVED.still), dangerOver: guards(RESOLVED.dangerOver), denied: guards(RESOLVED.denied), forOther: guards(RESOLVED.forOther), selfToo: guards(RESOLVED.selfToo) };
    this.model = model && new WordModel(model);
    const words = (...names: string[]) => new Set(names.flatMap((n) => [...compiler.words(n)].filter((w) => !w.includes(' '))));
    this.kinds = { plan: words('DRUG', 'WEAPON', 'POISON', 'MEANS', 'HEIGHT'), harm: words('INJURY', 'SELF_HURT'), danger: words('HARMED'), farewell: new Set(['goodby', 'note', 'letter', 'testament', 'funer']) };
  }

  classify(text: string): CrisisFinding {
    const sentences = canonicalSentences(text);
    let whole: string | undefined;
    const message = () => (whole ??= ` ${sentences.map((s) => s.join(' ')).join(` ${END} `)} ${END} `);
    let found: CrisisFinding | undefined;
    const note = (rule: CompiledRule) => {
      found ??= { crisis: true, categories: [], rules: [] };
      if (!found.categories.includes(rule.category)) found.categories.push(rule.category);
      found.rules.push(rule.pattern);
    };
    let anchored = false;
    for (const tokens of sentences) {
      if (!tokens.some((t) => this.anchors.has(t))) continue;
      anchored = true;
      const present = new Set(tokens).add(END);
      const sentence = ` ${tokens.join(' ')} ${END} `;
      for (const rule of this.candidates(present)) if (!rule.wholeMessage && this.matches(rule, sentence, message())) note(rule);
    }
    if (anchored) {
      for (const rule of this.candidates(new Set(sentences.flat()).add(END))) if (rule.wholeMessage && this.matches(rule, message(), message())) note(rule);
    }
    if (found) {
      const danger = found.categories.includes('danger from another person') || found.categories.includes('someone else at risk');
      if (!danger && this.forSomeoneElse(message())) return NONE;
      if (this.longAgo(message())) return NONE;
      if (!this.toldAsOver(message())) return this.withModelKind(found, sentences);
      return danger && !this.resolved.dangerOver.some((r) => r.test(message())) ? found : NONE;
    }
    if (!this.model) return NONE;
    const p = this.model.probability(sentences);
    if (p < MODEL_FLAGS_ABOVE || this.toldAsOver(message()) || this.longAgo(message()) || this.forSomeoneElse(message()) || this.resolved.denied.some((r) => r.test(message()))) return NONE;
    return { crisis: true, categories: [this.kindOf(sentences)], rules: [`word model ${p.toFixed(2)}: ${this.model.reasons(sentences).join(', ')}`] };
  }

  /**
   * A rule's finding, with a plan added when the word model is sure of a crisis and the message
   * names a means no rule placed ("I don't want to be here, I have the pills ready"): the
   * specialist sees the plan, not only the thoughts.
   */
  private withModelKind(found: CrisisFinding, sentences: string[][]): CrisisFinding {
    if (!this.model || this.model.probability(sentences) < MODEL_FLAGS_ABOVE) return found;
    const kind = this.kindOf(sentences);
    if (kind !== 'plan mentioned' || found.categories.includes(kind)) return found;
    return { ...found, categories: [...found.categories, kind], rules: [...found.rules, `word model: ${kind}`] };
  }

  /** The kind of a crisis only the word model found, from the words it holds. */
  private kindOf(sentences: string[][]): CrisisCategory {
    const words = new Set(sentences.flat());
    const has = (set: Set<string>) => [...words].some((w) => set.has(w));
    if (has(this.kinds.danger) && !words.has('myself')) return 'danger from another person';
    if (has(this.kinds.plan)) return 'plan mentioned';
    if (has(this.kinds.harm)) return 'self-harm';
    if (has(this.kinds.farewell)) return 'farewell';
    return 'suicidal thoughts';
  }

  /** The message asks how to help someone else, and says nothing of the kind of the writer (RESOLVED). */
  private forSomeoneElse(message: string): boolean {
    const { forOther, selfToo } = this.resolved;
    return forOther.some((r) => r.test(message)) && !selfToo.some((r) => r.test(message));
  }

  /** The message places it long ago, plainly, and says nothing of it being back (RESOLVED). */
  private longAgo(message: string): boolean {
    return this.resolved.longAgo.some((r) => r.test(message)) && !this.resolved.still.some((r) => r.test(message));
  }

  /** The whole message tells of a crisis that is over (RESOLVED). */
  private toldAsOver(message: string): boolean {
    const { past, over, still } = this.resolved;
    return past.some((r) => r.test(message)) && over.some((r) => r.test(message)) && !still.some((r) => r.test(message));
  }

  /** The rules whose every required item has a word among `present`. */
  private candidates(present: Set<string>): CompiledRule[] {
    const seen = new Set<CompiledRule>();
    for (const word of present) for (const rule of this.byAnchor.get(word) ?? []) if (!seen.has(rule) && rule.requires.every((words) => hasAny(words, present))) seen.add(rule);
    return [...seen];
  }

  /** A match that no guard, negation or other person takes back. */
  private matches(rule: CompiledRule, sentence: string, message: string): boolean {
    if (rule.unless.some((u) => u.test(sentence)) || rule.unlessAnywhere.some((u) => u.test(message))) return false;
    const global = rule.everywhere;
    global.lastIndex = 0;
    for (let m = global.exec(sentence); m; m = global.exec(sentence)) {
      const before = sentence.slice(0, m.index).trim().split(' ').filter(Boolean).slice(-LOOK_BACK);
      const negated = rule.negatable && before.some((w, i) => this.negations.has(w) && !NOT_NEGATING.has(before[i + 1] ?? ''));
      const others = rule.aboutOthers && before.some((w) => this.others.has(w));
      if (!negated && !others) return true;
      global.lastIndex = m.index + 1;
    }
    return false;
  }
}

function hasAny(words: Set<string>, present: Set<string>): boolean {
  const [few, many] = words.size < present.size ? [words, present] : [present, words];
  for (const word of few) if (many.has(word)) return true;
  return false;
}
