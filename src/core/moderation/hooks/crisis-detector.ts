import { containsPhrase, normalize } from '../normalize.js';
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
  private readonly phrases: string[];
  private readonly patterns: RegExp[];
  private readonly exceptions: string[];

  constructor(lexicon: CrisisLexicon) {
    this.phrases = lexicon.phrases.map(normalize).filter(Boolean);
    this.patterns = lexicon.patterns.map((p) => new RegExp(p, 'i'));
    this.exceptions = lexicon.notCrisis.map(normalize).filter(Boolean);
  }

  detects(text: string): boolean {
    let normal = normalize(text);
    for (const idiom of this.exceptions) normal = ` ${normal} `.split(` ${idiom} `).join(' | ').trim();
    return this.phrases.some((p) => containsPhrase(normal, p)) || this.patterns.some((re) => re.test(text.toLowerCase()));
  }

  check({ text, sender }: HookPayload): HookResult {
    if (sender !== 'seeker' || !this.detects(text)) return { action: 'allow' };
    return { action: 'allow', flag: { severity: 'high', reason: 'crisis language', crisis: true } };
  }
}
