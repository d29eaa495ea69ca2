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
