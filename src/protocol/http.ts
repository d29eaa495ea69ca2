import { z } from 'zod';

export const API_PREFIX = '/api/v1';
export const STAFF_COOKIE = 'peerline_session';

export const seekerCreated = z.object({ token: z.string(), alias: z.string(), expiresAt: z.string() });

export const topicSchema = z.object({ id: z.string().min(1).max(40), label: z.string().min(1).max(80) });
/** UX1: a line a thumb can tap: a phone call, a text or a web page. */
export const resourceHref = z.string().max(300).regex(/^(tel:\+?[0-9][0-9-]*|sms:\+?[0-9][0-9-]*(\?body=[^\s]*)?|https:\/\/[^\s]+)$/, 'a tel:, sms: or https: link');
export const resourceSchema = z.object({ name: z.string().min(1), contact: z.string().min(1), description: z.string(), href: resourceHref.optional() });
export type Topic = z.infer<typeof topicSchema>;
/** POST /seekers refused (MOD5): the reason, and the crisis lines, so nobody is turned away with nothing. */
export const seekerRefused = z.object({ error: z.object({ code: z.string(), message: z.string(), resources: z.array(resourceSchema).optional() }) });
export type Resource = z.infer<typeof resourceSchema>;

export const catalogSchema = z.object({ topics: z.array(topicSchema).min(1), resources: z.array(resourceSchema).min(1) });
export type Catalog = z.infer<typeof catalogSchema>;

/** One line of the append-only audit log (GET /audit). */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  /** Added (UX6): who acted, by display name; null when the system did. */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** GET /audit: a page of entries, newest first; `hasOlder` (added) says whether a page lies before it. */
export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), hasOlder: z.boolean() });
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  // An id fits a bigint: longer digit strings are VALIDATION, not a database error.
  before: z.string().regex(/^\d{1,18}$/, 'an audit entry id').optional(),
});

export const sessionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime({ offset: true }).optional(),
});

export const sessionSummarySchema = z.object({
  id: z.string(),
  topic: z.string().nullable(),
  language: z.string().nullable(),
  specialistId: z.string().nullable(),
  requestedAt: z.string(),
  matchedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  waitMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
  seekerMessages: z.number(),
  specialistMessages: z.number(),
  transfers: z.number(),
  switches: z.number(),
  rating: z.number().nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** GET /stats: the window is the last `hours` hours (default a day, at most 30 days). */
export const statsQuery = z.object({ hours: z.coerce.number().int().min(1).max(720).default(24) });

export const statsSchema = z.object({
  since: z.string(),
  until: z.string(),
  sessions: z.object({ requested: z.number(), matched: z.number(), unmatched: z.number(), ended: z.number() }),
  waitMs: z.object({ p50: z.number().nullable(), p90: z.number().nullable(), p99: z.number().nullable() }),
  durationMs: z.object({ p50: z.number().nullable(), p90: z.number().nullable() }),
  waitBuckets: z.array(z.object({ le: z.number().nullable(), count: z.number() })),
  chatsPerHour: z.array(z.object({ hour: z.string(), count: z.number() })),
  ratings: z.object({ count: z.number(), average: z.number().nullable(), distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]) }),
  flags: z.object({ total: z.number(), open: z.number(), high: z.number() }),
});
export type Stats = z.infer<typeof statsSchema>;
