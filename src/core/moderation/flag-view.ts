import type { Flag } from '../../protocol/events.js';
import type { SessionRecord } from '../chat/types.js';
import type { StoredFlag } from '../ports/flag-store.js';
import type { MatchStore } from '../ports/match-store.js';

/** A chat is live while it waits for a specialist or is under way; gone from the store is ended too. */
export const isLive = (session: SessionRecord | null): boolean => session !== null && session.status !== 'ended';

/** A flag as moderators are sent it (UX6): its chat's liveness, and a claim only while it lasts. */
export const asSeen = (flag: StoredFlag, chatLive: boolean | null, now: number): Flag => ({
  ...flag,
  chatLive,
  claimedBy: flag.claimedBy && Date.parse(flag.claimedBy.expiresAt) > now ? flag.claimedBy : null,
});

/**
 * Flags as moderators are sent them, each chat read from the match store now: a chat's end is not
 * written to its flags (that would cost a database write on every chat's end), so whether it is
 * live is known only by looking. One read per chat, however many flags it has. A chat that
 * cannot be read (the state backend down) is `null`, unknown: the flags are still listed (REL2).
 */
export async function flagsAsSeen(store: Pick<MatchStore, 'get'>, flags: readonly StoredFlag[], now: number): Promise<Flag[]> {
  const ids = [...new Set(flags.map((f) => f.sessionId))];
  const live = new Map(await Promise.all(ids.map(async (id) => [id, await store.get(id).then(isLive, () => null)] as const)));
  return flags.map((f) => asSeen(f, live.get(f.sessionId) ?? null, now));
}
