import { PhraseList, normalize } from '../normalize.js';
import type { HookPayload, HookResult, ModerationHook } from '../types.js';

export interface CrisisLexicon {
  phrases: string[];
  patterns: string[];
  notCrisis: string[];
}

/**
 * MOD2: crisis language never blocks and is never punished: it flags the chat high, and the
 * service sends the seeker crisis resources and marks the chat urgent for the specialist.
 * Only the seeker's words are checked (a specialist asking about safety is doing their job).
 */
export class CrisisDetectorHook implements ModerationHook {
  readonly name = 'crisis-detector';
  /** First: whatever later hooks decide, a person in crisis is noticed and helped. */
  readonly priority = 1;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver-and-flag' as const;
  readonly usesRecent = false;
  private readonly phrases: PhraseList;
  private readonly patterns: RegExp[];
  private readonly exceptions: PhraseList;

  constructor(lexicon: CrisisLexicon) {
    this.phrases = new PhraseList(lexicon.phrases);
    this.patterns = oneOf(lexicon.patterns);
    this.exceptions = new PhraseList(lexicon.notCrisis);
  }

  detects(text: string): boolean {
    let normal = normalize(text);
    // Idioms ("this homework is killing me") are cut out before looking, only when one is there.
    for (let idiom = this.exceptions.find(normal); idiom; idiom = this.exceptions.find(normal)) {
      normal = ` ${normal} `.split(idiom).join(' | ').trim();
    }
    if (this.phrases.in(normal)) return true;
    const lower = text.toLowerCase();
    return this.patterns.some((re) => re.test(lower));
  }

  check({ text, sender }: HookPayload): HookResult {
    if (sender !== 'seeker' || !this.detects(text)) return { action: 'allow' };
    return { action: 'allow', flag: { severity: 'high', reason: 'crisis language', crisis: true } };
  }
}

/**
 * The lexicon's patterns as one case-insensitive expression (one pass over a message instead of
 * one per pattern), unless one refers to its own groups by number or name: joined, their numbers
 * would shift and their names could clash, so those stay one expression each.
 */
function oneOf(patterns: string[]): RegExp[] {
  // Each one on its own first: a broken pattern fails the start-up, however it would read joined.
  const each = patterns.map((p) => new RegExp(p, 'i'));
  if (patterns.some((p) => /\\[1-9]|\\k<|\(\?<[^=!]/.test(p))) return each;
  return patterns.length ? [new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i')] : [];
}
