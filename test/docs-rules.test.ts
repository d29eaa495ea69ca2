import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The spec lives outside the repository, so docs/rules.md is the only place a clone can look up
// what a rule ID in a test title means.
const root = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(root, 'test');

/** IDs defined in docs/rules.md: each rule is a list item starting with its bold ID. */
const definedIds = (): Set<string> => {
  const text = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
  return new Set([...text.matchAll(/^- \*\*([A-Z]{1,5}\d+[a-z]?)\*\*/gm)].map((m) => m[1] as string));
};

/** Rule IDs that open a test or describe title: a quote, then one or more `[ID]`. */
const citedIds = (): Map<string, string> => {
  const firstFile = new Map<string, string>();
  const files = readdirSync(testDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts'));
  for (const file of files) {
    const text = readFileSync(join(testDir, file), 'utf8');
    for (const [prefix] of text.matchAll(/['"`](?:\[[A-Z]{1,5}\d+[a-z]?\] *)+/g)) {
      for (const [, id] of prefix.matchAll(/\[([A-Z]{1,5}\d+[a-z]?)\]/g)) {
        if (!firstFile.has(id as string)) firstFile.set(id as string, file);
      }
    }
  }
  return firstFile;
};

describe('docs/rules.md', () => {
  it('[OPS1] every rule ID a test names is explained in docs/rules.md', () => {
    const defined = definedIds();
    const cited = citedIds();
    // Guards against a regex that silently matches nothing on either side.
    expect(defined.size).toBeGreaterThan(40);
    expect(cited.size).toBeGreaterThan(20);
    const missing = [...cited].filter(([id]) => !defined.has(id)).map(([id, file]) => `${id} (test/${file})`);
    expect(missing, 'rule IDs named in tests but missing from docs/rules.md').toEqual([]);
  });
});
