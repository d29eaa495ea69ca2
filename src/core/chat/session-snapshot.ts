import type { SessionSnapshot } from '../ports/session-log.js';
import type { SessionRecord } from './types.js';

/**
 * What the metadata buffer keeps of a session, each field by name: every match and every end makes
 * one, and copying a parsed session with Object.assign or a spread is slow on V8 11, naming each
 * field is not (SPEC P4).
 */
export const sessionSnapshot = (s: SessionRecord, seekerMessages: number, specialistMessages: number, rev: number): SessionSnapshot => ({
  id: s.id,
  seekerId: s.seekerId,
  seekerAlias: s.seekerAlias,
  topic: s.topic,
  language: s.language,
  status: s.status,
  requestedAt: s.requestedAt,
  queuedAt: s.queuedAt,
  priority: s.priority,
  excludeStaffId: s.excludeStaffId,
  specialistId: s.specialistId,
  specialistName: s.specialistName,
  matchedAt: s.matchedAt,
  endedAt: s.endedAt,
  endedBy: s.endedBy,
  endReason: s.endReason,
  transfers: s.transfers,
  switches: s.switches,
  rating: s.rating,
  feedback: s.feedback ?? null,
  seekerMessages,
  specialistMessages,
  rev,
});
