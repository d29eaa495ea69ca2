import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, withHref } from '../../src/catalog.js';
import { catalogSchema } from '../../src/protocol/http.js';

describe('crisis lines the seeker page shows', () => {
  it('[UX1] every built-in line is a valid tel:, sms: or https: link, its contact in words beside it', () => {
    expect(catalogSchema.parse(DEFAULT_CATALOG)).toEqual(DEFAULT_CATALOG);
    for (const r of DEFAULT_CATALOG.resources) expect(r.href, r.name).toMatch(/^(tel:|sms:|https:\/\/)/);
    const hrefs = DEFAULT_CATALOG.resources.map((r) => r.href);
    expect(hrefs).toEqual(expect.arrayContaining(['tel:988', 'sms:988', 'tel:116123', 'sms:85258', 'https://findahelpline.com']));
  });

  it('[UX1] a custom line without href becomes a link when its contact is plainly a number or an address', () => {
    const line = (contact: string) => withHref({ name: 'x', contact, description: '' }).href;
    expect(line('116 123')).toBe('tel:116123');
    expect(line('+44 800-123-456')).toBe('tel:+44800-123-456');
    expect(line('https://example.org/help')).toBe('https://example.org/help');
    expect(line('Text HOME to 741741')).toBeUndefined();
    expect(withHref({ name: 'x', contact: '116 123', description: '', href: 'tel:999' }).href).toBe('tel:999');
    // Whatever it derives, the wire schema accepts.
    for (const contact of ['116 123', '+44 800-123-456']) expect(() => catalogSchema.parse({ topics: [{ id: 'a', label: 'A' }], resources: [withHref({ name: 'x', contact, description: '' })] })).not.toThrow();
  });
});
