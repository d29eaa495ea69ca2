import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalSentences } from '../core/moderation/crisis/canonical.js';
import type { Example } from '../core/moderation/crisis/word-model.js';
import { PROJECT_ROOT } from '../paths.js';

export const CRISIS_FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'crisis');

export interface LabelledSet {
  crisis: string[];
  everyday: string[];
}

export const readCrisisSet = (file: string): LabelledSet => JSON.parse(readFileSync(join(CRISIS_FIXTURES, file), 'utf8')) as LabelledSet;

/**
 * The sets the word model learns from: the dev set and the reviewers' sets (`heldout-*`). Sets
 * named `unseen-*` are kept from both the rules and the model, to measure them on.
 */
export const trainingFiles = (): string[] => readdirSync(CRISIS_FIXTURES).filter((f) => f === 'dev.json' || f.startsWith('heldout-')).sort();
export const unseenFiles = (): string[] => readdirSync(CRISIS_FIXTURES).filter((f) => f.startsWith('unseen-')).sort();

export const examplesOf = (set: LabelledSet): Example[] => [
  ...set.crisis.map((t) => ({ sentences: canonicalSentences(t), crisis: true })),
  ...set.everyday.map((t) => ({ sentences: canonicalSentences(t), crisis: false })),
];
