import { randomUUID } from 'node:crypto';
import { waitingSession, type SessionRecord } from '../../core/chat/types.js';
import type { MatchStore } from '../../core/ports/match-store.js';

/** The contracts' own clock: every call moves it a second on, so arrival order is never a tie. */
let clock = 1_800_000_000_000;
export const tick = () => (clock += 1000);
export const now = () => clock;

export const newSession = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  ...waitingSession({ id: randomUUID(), seekerId: randomUUID(), seekerAlias: 'Quiet Heron', topic: null, language: null }, tick()),
  ...over,
});

export const shift = (store: MatchStore, capacity: number, topics: string[] = [], staffId: string = randomUUID()) =>
  store.startShift({ staffId, displayName: `Spec ${staffId.slice(0, 4)}`, capacity, topics, shiftId: randomUUID(), shiftStartedAt: clock }, tick());
