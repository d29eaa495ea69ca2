import { CrisisClassifier, type CrisisFinding } from '../crisis/classifier.js';
import type { CrisisCategory, RuleSpec } from '../crisis/compile.js';
import type { WordModelWeights } from '../crisis/word-model.js';
import type { HookPayload, HookResult, ModerationHook } from '../types.js';

/** Rules an operator adds to the built-in ones (CRISIS_LEXICON_FILE), in the rules' own pattern language. */
export interface CrisisLexicon {
  rules: RuleSpec[];
  /** The learnt second reader (lexicons/crisis-model.json); rules only when absent. */
  model?: WordModelWeights;
}

/** What the specialist reads on the urgent marker, from the kinds the classifier found. */
export function crisisReason(categories: readonly CrisisCategory[]): string {
  return categories.length ? categories.join(', ') : 'crisis language';
}

/**
 * MOD2, MOD2b: crisis language never blocks and is never punished: it flags the chat high, and the
 * service sends the seeker crisis resources and marks the chat urgent for the specialist, with the
 * kinds found ("plan mentioned", "self-harm"). Only the seeker's words are checked (a specialist
 * asking about safety is doing their job). MOD2a: the pipeline runs this hook before any other and
 * turns any later block into a flag when it fired.
 */
export class CrisisDetectorHook implements ModerationHook {
  readonly name = 'crisis-detector';
  readonly priority = 1;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver-and-flag' as const;
  readonly usesRecent = false;
  readonly safety = true;
  private readonly classifier: CrisisClassifier;

  constructor(lexicon: CrisisLexicon = { rules: [] }) {
    this.classifier = new CrisisClassifier(lexicon.rules, lexicon.model);
  }

  find(text: string): CrisisFinding {
    return this.classifier.classify(text);
  }

  detects(text: string): boolean {
    return this.classifier.classify(text).crisis;
  }

  check({ text, sender }: HookPayload): HookResult {
    if (sender !== 'seeker') return { action: 'allow' };
    const found = this.classifier.classify(text);
    if (!found.crisis) return { action: 'allow' };
    return { action: 'allow', flag: { severity: 'high', reason: `crisis language: ${crisisReason(found.categories)}`, crisis: true, categories: found.categories } };
  }
}
