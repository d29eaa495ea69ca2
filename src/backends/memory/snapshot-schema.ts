import { z } from 'zod';
import type { SessionRecord, SpecialistRecord } from '../../core/chat/types.js';
import { messageSchema } from '../../protocol/messages.js';

/** Bumped when the shape changes: a file of another format is ignored, not misread. */
export const SNAPSHOT_FORMAT = 1;

const epochMs = z.number().int().nonnegative();
const id = z.string().min(1).max(200);

const sessionSchema = z.object({
  id,
  seekerId: id,
  seekerAlias: z.string(),
  topic: z.string().nullable(),
  language: z.string().nullable(),
  status: z.enum(['waiting', 'active', 'ended']),
  requestedAt: epochMs,
  queuedAt: epochMs,
  priority: z.union([z.literal(0), z.literal(1)]),
  excludeStaffId: z.string().nullable(),
  specialistId: z.string().nullable(),
  specialistName: z.string().nullable(),
  matchedAt: epochMs.nullable(),
  endedAt: epochMs.nullable(),
  endedBy: z.enum(['seeker', 'specialist', 'moderator', 'system']).nullable(),
  endReason: z.string().nullable(),
  transfers: z.number().int().nonnegative(),
  switches: z.number().int().nonnegative(),
  rating: z.number().nullable(),
  feedback: z.string().nullable().optional(),
  away: z.boolean().optional(),
  caution: z.boolean().optional(),
  handover: z.object({ kind: z.enum(['transfer', 'switch']), note: z.string().nullable(), shared: z.boolean(), from: z.string() }).optional(),
  earlier: z.array(z.object({ name: z.string(), from: epochMs })).optional(),
});

const specialistSchema = z.object({
  staffId: id,
  displayName: z.string(),
  capacity: z.number().int().positive(),
  topics: z.array(z.string()),
  active: z.number().int().nonnegative(),
  onShift: z.boolean(),
  connected: z.boolean(),
  lastAssignedAt: epochMs,
  shiftId: z.string().nullable(),
  shiftStartedAt: epochMs.nullable(),
});

/** Seqs run 1, 2, 3… in the session's own messages, as the history indexes them. */
const historySchema = z
  .object({
    sessionId: id,
    messages: z.array(messageSchema.extend({ hidden: z.boolean().optional() })),
    clientIds: z.array(z.tuple([z.string(), z.number().int().positive()])),
    expiresAt: epochMs.nullable(),
  })
  .refine((h) => h.messages.every((m, i) => m.seq === i + 1 && m.sessionId === h.sessionId) && h.clientIds.every(([, seq]) => seq <= h.messages.length));

/** The file a single embedded node writes as it stops and reads back as it starts (REL6). */
export const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  savedAt: epochMs,
  tokens: z.array(
    z.object({
      kind: z.enum(['seeker', 'seeker-ref', 'seeker-address', 'staff-session', 'setup', 'ban']),
      hash: z.string().min(1).max(200),
      value: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      expiresAt: epochMs,
    }),
  ),
  deadlines: z.array(z.object({ key: z.string().min(1), at: epochMs })),
  matches: z.object({ sessions: z.array(sessionSchema), specialists: z.array(specialistSchema), matchTimes: z.array(epochMs) }),
  histories: z.array(historySchema),
});

export type Snapshot = z.infer<typeof snapshotSchema>;

// The schemas must describe the records exactly: a field added to either type and not here would
// be dropped by every restart, so the build fails until it is added.
type Assignable<A, B> = [A] extends [B] ? true : false;
type Same<A, B> = [Assignable<A, B>, Assignable<B, A>, Assignable<keyof A, keyof B>, Assignable<keyof B, keyof A>] extends [true, true, true, true] ? true : false;
const sessionsMatch: Same<z.infer<typeof sessionSchema>, SessionRecord> = true;
const specialistsMatch: Same<z.infer<typeof specialistSchema>, SpecialistRecord> = true;
void sessionsMatch;
void specialistsMatch;
