import { PhraseList, normalize } from '../normalize.js';
import type { HookPayload, HookResult, ModerationHook } from '../types.js';

export const ABUSE_REASON = 'This message was not sent: it contains language that is not allowed here. Please rephrase.';

/** MOD2: words and phrases from a configurable list, matched as whole words after normalisation. */
export class AbuseBlocklistHook implements ModerationHook {
  readonly name = 'abuse-blocklist';
  readonly priority = 20;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver-and-flag' as const;
  readonly usesRecent = false;
  private readonly phrases: PhraseList;

  constructor(words: readonly string[]) {
    this.phrases = new PhraseList(words);
  }

  matches(text: string): boolean {
    return this.phrases.in(normalize(text));
  }

  check({ text }: HookPayload): HookResult {
    return this.matches(text) ? { action: 'block', reason: ABUSE_REASON } : { action: 'allow' };
  }
}
