import type { Flag, FlagAction } from '../../protocol/events.js';

/** A flag as stored: `chatLive` is read from the live chat when the flag is sent, never stored. */
export type StoredFlag = Omit<Flag, 'chatLive'>;

/** A new flag; `crisis` defaults to false. */
export type NewFlag = Omit<StoredFlag, 'status' | 'createdAt' | 'resolvedAt' | 'resolution' | 'resolutionNote' | 'crisis' | 'claimedBy'> & { crisis?: boolean };

/**
 * Durable flags with their excerpts (MOD4), the only place message text may be stored (PRIV1).
 * A flag's `claimedBy` is returned as stored, expired or not: whoever reads it decides (UX6).
 */
export interface FlagStore {
  create(flag: NewFlag): Promise<StoredFlag>;
  get(id: string): Promise<StoredFlag | null>;
  /** Newest first within severity, highest severity first. */
  list(status: 'open' | 'resolved', limit: number): Promise<StoredFlag[]>;
  /**
   * Mark an open flag resolved and end any claim on it; null when it is not open (already
   * resolved), unknown, or claimed by another moderator whose claim lasts past `now`.
   */
  resolve(id: string, by: string, action: FlagAction, note: string | null, now: Date): Promise<StoredFlag | null>;
  /**
   * MOD5: undo `resolve` when the action it claimed the flag for failed: the flag is open again,
   * as it was. Only the claim `by` that moderator is undone; false when there was none.
   */
  reopen(id: string, by: string): Promise<boolean>;
  /**
   * UX6: `by` works on an open flag until `until`: taken when nobody holds it or another
   * moderator's claim has ended by `now`, renewed when `by` holds it. Null when the flag is not
   * open, unknown, or held by someone else; one atomic step, so two moderators never both get it.
   */
  claim(id: string, by: string, until: Date, now: Date): Promise<StoredFlag | null>;
  /** UX6: end `by`'s claim on a flag; the flag as it stands afterwards, or null when unknown. */
  release(id: string, by: string): Promise<StoredFlag | null>;
  /** MOD6: remove excerpts of flags created before `before`; returns how many. */
  purgeExcerpts(before: Date): Promise<number>;
}
