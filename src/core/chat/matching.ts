import type { SessionRecord, SpecialistRecord } from './types.js';

/** How long an ended session stays readable (rating, a late resume) before it is forgotten. */
export const ENDED_SESSION_KEEP_MS = 15 * 60_000;

/** How far down the queue one matching decision looks for someone a free specialist may take. */
export const MATCH_SCAN = 2_000;

/** MQ4 and the switch rule: may this specialist take this session? */
export function eligible(spec: SpecialistRecord, session: SessionRecord): boolean {
  if (session.excludeStaffId === spec.staffId) return false;
  if (spec.topics.length === 0 || !session.topic) return true;
  return spec.topics.includes(session.topic);
}

/** MQ3: lowest active/capacity first, then the longest idle. Negative when `a` should be chosen over `b`. */
export function compareSpecialists(a: SpecialistRecord, b: SpecialistRecord): number {
  const load = a.active * b.capacity - b.active * a.capacity;
  return load !== 0 ? load : a.lastAssignedAt - b.lastAssignedAt;
}

/** A specialist who can be given another chat right now (MQ1, MQ8). */
export const routable = (spec: SpecialistRecord): boolean => spec.onShift && spec.connected && spec.active < spec.capacity;

/** The best specialist for a session among candidates, or undefined. */
export function pickSpecialist(candidates: readonly SpecialistRecord[], session: SessionRecord): SpecialistRecord | undefined {
  let best: SpecialistRecord | undefined;
  for (const spec of candidates) {
    if (routable(spec) && eligible(spec, session) && (!best || compareSpecialists(spec, best) < 0)) best = spec;
  }
  return best;
}

/** The window of recent matches an ETA is estimated from (MQ7). */
export const ETA_WINDOW_MS = 10 * 60_000;
/** Fewer matches than this in the window say too little about the rate to promise a wait (MQ7). */
export const MIN_MATCHES_FOR_ETA = 3;

/** What every ETA of a moment is made from: matches in the last ETA_WINDOW_MS, and who is on shift now. */
export interface QueueOutlook {
  recentMatches: number;
  onShift: number;
}

/**
 * Seconds until a seeker at `position` is likely matched, from the recent match rate (MQ7); null
 * when no estimate is honest: nobody on shift, or too few recent matches to know a rate.
 */
export function eta(position: number, outlook: QueueOutlook): number | null {
  if (outlook.onShift === 0 || outlook.recentMatches < MIN_MATCHES_FOR_ETA) return null;
  return Math.min(86_400, Math.ceil((position * ETA_WINDOW_MS) / 1000 / outlook.recentMatches));
}

/** An ETA told to a seeker, and the place it was told for. */
export interface ToldEta {
  position: number;
  seconds: number;
}

/**
 * MQ7: a wait never grows while the place improves or holds, so a seeker never reads a longer wait
 * at place 1 than they read at place 2 (the rate behind an ETA moves both ways). An estimate
 * told for a place no better than this one caps it.
 */
export function steadyEta(position: number, seconds: number | null, last: ToldEta | undefined): number | null {
  if (seconds === null || !last || position > last.position) return seconds;
  return Math.min(seconds, last.seconds);
}
