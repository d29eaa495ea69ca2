import { z } from 'zod';

export const API_PREFIX = '/api/v1';
export const STAFF_COOKIE = 'peerline_session';

export const seekerCreated = z.object({ token: z.string(), alias: z.string(), expiresAt: z.string() });

export const topicSchema = z.object({ id: z.string().min(1).max(40), label: z.string().min(1).max(80) });
export const resourceSchema = z.object({ name: z.string().min(1), contact: z.string().min(1), description: z.string() });
export type Topic = z.infer<typeof topicSchema>;
export type Resource = z.infer<typeof resourceSchema>;

export const catalogSchema = z.object({ topics: z.array(topicSchema).min(1), resources: z.array(resourceSchema).min(1) });
export type Catalog = z.infer<typeof catalogSchema>;

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^\d+$/, 'an audit entry id').optional(),
});
