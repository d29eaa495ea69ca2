import type { Flag, FlagAction } from '../../protocol/events.js';

export type NewFlag = Omit<Flag, 'status' | 'createdAt' | 'resolvedAt' | 'resolution' | 'resolutionNote'>;

/** Durable flags with their excerpts (MOD4), the only place message text may be stored (PRIV1). */
export interface FlagStore {
  create(flag: NewFlag): Promise<Flag>;
  get(id: string): Promise<Flag | null>;
  /** Newest first within severity, highest severity first. */
  list(status: 'open' | 'resolved', limit: number): Promise<Flag[]>;
  /** Mark an open flag resolved; null when it is not open (already resolved) or unknown. */
  resolve(id: string, by: string, action: FlagAction, note: string | null, now: Date): Promise<Flag | null>;
  /**
   * MOD5: undo `resolve` when the action it claimed the flag for failed: the flag is open again,
   * as it was. Only the claim `by` that moderator is undone; false when there was none.
   */
  reopen(id: string, by: string): Promise<boolean>;
  /** MOD6: remove excerpts of flags created before `before`; returns how many. */
  purgeExcerpts(before: Date): Promise<number>;
}
