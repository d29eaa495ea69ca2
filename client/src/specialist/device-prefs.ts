/**
 * What a specialist keeps on their own device (localStorage), per staff account so that colleagues
 * sharing a computer keep theirs apart: whether new-chat alerts are on, and their saved openers.
 * Nothing here goes to the server, and none of it is a seeker's words.
 */
export type PrefStore = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage, or nothing when the browser refuses it (private modes, storage off). */
export function deviceStore(): PrefStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const key = (staffId: string, what: string) => `peerline.console.${staffId}.${what}`;

function write(store: PrefStore | null, k: string, value: string): void {
  try {
    store?.setItem(k, value);
  } catch {
    // full or refused: the choice holds until the page closes
  }
}

/** UX5: alerts are on unless this specialist turned them off here. */
export const loadAlerts = (store: PrefStore | null, staffId: string): boolean => store?.getItem(key(staffId, 'alerts')) !== 'off';
export const saveAlerts = (store: PrefStore | null, staffId: string, on: boolean): void => write(store, key(staffId, 'alerts'), on ? 'on' : 'off');

/** A starter set, each one deletable: warm, short, and open. */
export const STARTER_OPENERS: readonly string[] = [
  "Hi, I'm here with you. What's on your mind tonight?",
  'Thank you for reaching out. Take your time; I am listening.',
  'That sounds really hard. Would you like to tell me more about it?',
];
export const MAX_OPENERS = 20;
export const MAX_OPENER_LENGTH = 500;

/** The saved openers; the starter set until the specialist saves their own (an empty list included). */
export function loadOpeners(store: PrefStore | null, staffId: string): string[] {
  const raw = store?.getItem(key(staffId, 'openers'));
  if (raw == null) return [...STARTER_OPENERS];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string' && x.trim() !== '').slice(0, MAX_OPENERS) : [...STARTER_OPENERS];
  } catch {
    return [...STARTER_OPENERS];
  }
}
export const saveOpeners = (store: PrefStore | null, staffId: string, openers: readonly string[]): void => write(store, key(staffId, 'openers'), JSON.stringify(openers));

/** Add an opener (trimmed, once, within the limits); the list unchanged when it does not fit. */
export function addOpener(openers: readonly string[], text: string): string[] {
  const t = text.trim();
  if (!t || t.length > MAX_OPENER_LENGTH || openers.includes(t) || openers.length >= MAX_OPENERS) return [...openers];
  return [...openers, t];
}
