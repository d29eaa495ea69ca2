/** What a seeker's tab remembers to resume after a refresh: sessionStorage only, never localStorage or cookies. */
export interface SeekerIdentity {
  token: string;
  alias: string;
  sessionId?: string;
  lastSeq?: number;
}

const KEY = 'peerline.seeker';

export function loadIdentity(storage: Storage = sessionStorage): SeekerIdentity | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as SeekerIdentity;
    return typeof parsed.token === 'string' && typeof parsed.alias === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveIdentity(identity: SeekerIdentity, storage: Storage = sessionStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(identity));
  } catch {
    // storage full or disabled: the chat still works, it just cannot resume after a refresh
  }
}

export function clearIdentity(storage: Storage = sessionStorage): void {
  try {
    storage.clear();
  } catch {
    // nothing to clear
  }
}
