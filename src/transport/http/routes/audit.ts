import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditQuery } from '../../../protocol/http.js';
import { requireStaff } from '../auth.js';

const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

/** GET /audit: the append-only log of staff actions, newest first (moderators and admins). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['moderation'], querystring: auditQuery, response: { 200: z.object({ entries: z.array(auditEntry) }) } }, onRequest: requireStaff('moderator') },
    async (req) => ({ entries: await app.services.audit.list({ limit: req.query.limit, ...(req.query.before ? { before: req.query.before } : {}) }) }),
  );
};
