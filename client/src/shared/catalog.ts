import type { Catalog } from '../../../src/protocol/http.js';

const FALLBACK: Catalog = {
  topics: [],
  resources: [{ name: 'Emergency services', contact: 'Your local emergency number', description: 'If you are in danger right now, call them.' }],
};

/**
 * Topics and crisis resources come inside the page (a meta tag the server fills in), so the seeker's
 * landing makes no network call before they choose to talk.
 */
export function readCatalog(doc: Document = document): Catalog {
  const raw = doc.querySelector('meta[name="peerline-catalog"]')?.getAttribute('content');
  if (!raw) return FALLBACK;
  try {
    const parsed = JSON.parse(raw) as Catalog;
    return parsed.resources?.length ? parsed : { ...parsed, resources: FALLBACK.resources };
  } catch {
    return FALLBACK;
  }
}
