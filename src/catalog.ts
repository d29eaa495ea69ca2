import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';
import { catalogSchema, type Catalog } from './protocol/http.js';

/** Topics a seeker may choose and the crisis resources shown on every seeker screen. Replace with CATALOG_FILE. */
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
  resources: [
    { name: 'Emergency services', contact: '112 / 911 / 999', description: 'If you or someone else is in immediate danger, call your local emergency number.' },
    { name: '988 Suicide & Crisis Lifeline (US)', contact: 'Call or text 988', description: 'Free, confidential support 24/7.' },
    { name: 'Samaritans (UK & Ireland)', contact: '116 123', description: 'Free to call, 24 hours a day.' },
    { name: 'Find a Helpline', contact: 'findahelpline.com', description: 'Crisis lines in other countries.' },
  ],
};

/** The catalog from CATALOG_FILE, or the built-in one. A bad file is a ConfigError naming the variable. */
export function loadCatalog(path: string | undefined): Catalog {
  if (!path) return DEFAULT_CATALOG;
  try {
    return catalogSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ConfigError(`Invalid configuration: CATALOG_FILE: cannot use ${path}: ${detail}`);
  }
}
