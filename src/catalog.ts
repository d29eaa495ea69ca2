import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';
import { catalogSchema, type Catalog, type Resource } from './protocol/http.js';

/**
 * Topics a seeker may choose and the crisis resources shown on every seeker screen. Replace with
 * CATALOG_FILE. Each resource is one tappable line (UX1): `href` is what the tap does, `contact` is
 * the same thing in words, so a line still reads right on a screen that cannot call.
 */
export const DEFAULT_CATALOG: Catalog = {
  topics: [
    { id: 'anxiety', label: 'Anxiety and stress' },
    { id: 'low-mood', label: 'Low mood and depression' },
    { id: 'loneliness', label: 'Loneliness' },
    { id: 'relationships', label: 'Relationships and family' },
    { id: 'substance-use', label: 'Alcohol and drugs' },
    { id: 'grief', label: 'Grief and loss' },
    { id: 'other', label: 'Something else' },
  ],
  // Names short enough for a tile half a phone wide; the full name goes in the description.
  resources: [
    // 112 reaches the local emergency service from any mobile phone in most of the world (GSM standard).
    { name: 'Emergency services', contact: 'Call 112', description: 'In danger now? US 911, UK 999.', href: 'tel:112' },
    { name: '988 Lifeline (US)', contact: 'Call 988', description: 'Suicide & Crisis Lifeline. Free, 24/7.', href: 'tel:988' },
    { name: '988 Lifeline (US)', contact: 'Text 988', description: 'Suicide & Crisis Lifeline. Free, 24/7.', href: 'sms:988' },
    { name: 'Samaritans (UK & Ireland)', contact: 'Call 116 123', description: 'Free, 24 hours a day.', href: 'tel:116123' },
    { name: 'Shout (UK)', contact: 'Text 85258', description: 'Free text support, 24/7.', href: 'sms:85258' },
    { name: 'Find a Helpline', contact: 'findahelpline.com', description: 'Other countries.', href: 'https://findahelpline.com' },
  ],
};

/**
 * A line from CATALOG_FILE without `href` still becomes a link when its contact is plainly a phone
 * number or a web address (UX1: a number a thumb cannot tap is no help at 2 a.m.).
 */
export function withHref(resource: Resource): Resource {
  if (resource.href) return resource;
  const contact = resource.contact.trim();
  if (/^\+?[0-9][0-9 -]{1,20}$/.test(contact)) return { ...resource, href: `tel:${contact.replace(/[ ]/g, '')}` };
  if (/^https:\/\/\S+$/.test(contact)) return { ...resource, href: contact };
  return resource;
}

/** The catalog from CATALOG_FILE, or the built-in one. A bad file is a ConfigError naming the variable. */
export function loadCatalog(path: string | undefined): Catalog {
  if (!path) return DEFAULT_CATALOG;
  try {
    const catalog = catalogSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    return { ...catalog, resources: catalog.resources.map(withHref) };
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ConfigError(`Invalid configuration: CATALOG_FILE: cannot use ${path}: ${detail}`);
  }
}
