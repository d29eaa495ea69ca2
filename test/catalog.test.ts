import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, loadCatalog } from '../src/catalog.js';

const file = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'catalog-')), 'catalog.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
};
const topics = [{ id: 'other', label: 'Something else' }];

describe('the crisis lines catalog (UX1)', () => {
  it('[UX1] a CATALOG_FILE may give each line an href: tel:, sms: or https:, kept as given', () => {
    const resources = [
      { name: 'Local line', contact: '0800 123 456', description: 'Free, 24/7', href: 'tel:0800123456' },
      { name: 'Text us', contact: 'Text HELLO to 741741', description: '', href: 'sms:741741?body=HELLO' },
      { name: 'Web', contact: 'example.org', description: '', href: 'https://example.org/help' },
    ];
    expect(loadCatalog(file({ topics, resources })).resources).toEqual(resources);
  });

  it('[UX1] an href that is not a tel:, sms: or https: link stops the start-up, naming CATALOG_FILE', () => {
    for (const href of ['javascript:alert(1)', 'http://example.org', 'tel:call-me', 'mailto:a@b.c']) {
      expect(() => loadCatalog(file({ topics, resources: [{ name: 'x', contact: 'y', description: '', href }] })), href).toThrow(/CATALOG_FILE/);
    }
  });

  it('[UX1] every built-in line is a link', () => {
    expect(DEFAULT_CATALOG.resources.every((r) => r.href)).toBe(true);
  });
});
