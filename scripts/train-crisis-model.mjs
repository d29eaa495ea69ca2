// Learns lexicons/crisis-model.json, the crisis detector's word model (MOD2b), from the labelled
// sets in test/fixtures/crisis (the dev set and every heldout-* set; unseen-* sets are kept out).
// Run after `npm run build`: npm run train:crisis. With --check it only compares the result with
// the shipped file (as the detector test does) and exits 1 when they differ.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalSentences } from '../dist/src/core/moderation/crisis/canonical.js';
import { trainWordModel } from '../dist/src/core/moderation/crisis/word-model.js';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'test', 'fixtures', 'crisis');
const files = readdirSync(dir).filter((f) => f === 'dev.json' || f.startsWith('heldout-')).sort();
const examples = files.flatMap((f) => {
  const set = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return [...set.crisis.map((t) => ({ sentences: canonicalSentences(t), crisis: true })), ...set.everyday.map((t) => ({ sentences: canonicalSentences(t), crisis: false }))];
});
const model = trainWordModel(examples);
const out = join(root, 'lexicons', 'crisis-model.json');
const text = `${JSON.stringify(model)}\n`;
if (process.argv.includes('--check')) {
  const same = readFileSync(out, 'utf8') === text;
  console.log(same ? 'crisis-model.json matches its sets' : 'crisis-model.json differs from a retraining: run npm run train:crisis');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, text);
console.log(`${examples.length} examples from ${files.length} sets -> ${Object.keys(model.weights).length} weights in lexicons/crisis-model.json`);
