import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG } from '../catalog.js';

/**
 * Topics are ids of the catalog (SEC1), and tests keep their queues apart by topic: a test app's
 * catalog holds the built-in topics and these, and each test takes the next one unused.
 */
const SPARE_TOPICS = 2_000;
let next = 0;

/** A catalog topic id no other test of this process has taken. */
export function testTopic(): string {
  if (next >= SPARE_TOPICS) throw new Error(`tests took all ${SPARE_TOPICS} spare topics of the test catalog`);
  return `t${next++}`;
}

let catalogFile: string | undefined;

/** A CATALOG_FILE with the built-in catalog plus the spare test topics (written once per process). */
export function testCatalogFile(): string {
  if (catalogFile) return catalogFile;
  const spare = Array.from({ length: SPARE_TOPICS }, (_, i) => ({ id: `t${i}`, label: `Test topic ${i}` }));
  catalogFile = join(mkdtempSync(join(tmpdir(), 'peerline-catalog-')), 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify({ ...DEFAULT_CATALOG, topics: [...DEFAULT_CATALOG.topics, ...spare] }));
  return catalogFile;
}
