import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrisisLexicon } from './hooks/crisis-detector.js';

/** Read the shipped (or configured) lexicon files: JSON data, not code. */
export function loadLexicons(root: string, files: { abuse?: string; crisis?: string } = {}): { abuse: string[]; crisis: CrisisLexicon } {
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const abuse = read(files.abuse ?? join(root, 'lexicons', 'abuse.json'));
  const crisis = read(files.crisis ?? join(root, 'lexicons', 'crisis.json'));
  const strings = (v: unknown, what: string): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`${what} must be a list of strings`);
    return v;
  };
  return {
    abuse: strings(abuse.words, 'abuse words'),
    crisis: { phrases: strings(crisis.phrases, 'crisis phrases'), patterns: strings(crisis.patterns ?? [], 'crisis patterns'), notCrisis: strings(crisis.notCrisis ?? [], 'crisis exceptions') },
  };
}
