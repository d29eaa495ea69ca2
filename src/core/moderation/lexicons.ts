import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrisisCategory, RuleSpec } from './crisis/compile.js';
import type { CrisisLexicon } from './hooks/crisis-detector.js';
import type { WordModelWeights } from './crisis/word-model.js';
import type { AbuseLexicon } from './hooks/abuse-blocklist.js';

const CATEGORIES: readonly CrisisCategory[] = ['suicidal thoughts', 'plan mentioned', 'self-harm', 'farewell', 'danger from another person', 'someone else at risk', 'not safe now'];

/** Read the shipped (or configured) lexicon files: JSON data, not code. */
export function loadLexicons(root: string, files: { abuse?: string; crisis?: string } = {}): { abuse: AbuseLexicon; crisis: CrisisLexicon } {
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const abuse = read(files.abuse ?? join(root, 'lexicons', 'abuse.json'));
  const crisis = read(files.crisis ?? join(root, 'lexicons', 'crisis.json'));
  // The learnt model is built in: an operator's CRISIS_LEXICON_FILE adds rules beside it.
  const model = read(join(root, 'lexicons', 'crisis-model.json')) as unknown as WordModelWeights;
  return { abuse: abuseLexicon(abuse), crisis: { rules: crisisRules(crisis), model } };
}

const strings = (v: unknown, what: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`${what} must be a list of strings`);
  return v;
};

function abuseLexicon(file: Record<string, unknown>): AbuseLexicon {
  return {
    // "words" is the older name of the always-aimed phrases.
    aimed: [...strings(file.aimed, 'abuse aimed'), ...strings(file.words, 'abuse words')],
    commands: strings(file.commands, 'abuse commands'),
    insults: strings(file.insults, 'abuse insults'),
    slurs: strings(file.slurs, 'abuse slurs'),
  };
}

/** Extra crisis rules: `rules` in the pattern language, and plain `phrases` (each a rule of its words). */
function crisisRules(file: Record<string, unknown>): RuleSpec[] {
  const phrases = strings(file.phrases, 'crisis phrases').map((p): RuleSpec => ({ category: 'suicidal thoughts', pattern: p.trim().split(/\s+/).join('+') }));
  const rules = file.rules ?? [];
  if (!Array.isArray(rules)) throw new Error('crisis rules must be a list');
  return [
    ...phrases,
    ...rules.map((r: unknown, i): RuleSpec => {
      const rule = r as Partial<RuleSpec>;
      if (typeof rule.pattern !== 'string' || !CATEGORIES.includes(rule.category as CrisisCategory)) {
        throw new Error(`crisis rule ${i + 1} needs a pattern and a category (one of: ${CATEGORIES.join(', ')})`);
      }
      return { category: rule.category as CrisisCategory, pattern: rule.pattern, unless: strings(rule.unless, `crisis rule ${i + 1} unless`), negatable: rule.negatable, aboutOthers: rule.aboutOthers, wholeMessage: rule.wholeMessage };
    }),
  ];
}
