import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntrySchema, auditQuery } from '../../../protocol/http.js';
import { requireStaff } from '../auth.js';

/** GET /audit: the append-only log of staff actions, newest first (moderators and admins). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['moderation'], querystring: auditQuery, response: { 200: z.object({ entries: z.array(auditEntrySchema) }) } }, onRequest: requireStaff('moderator') },
    async (req) => ({ entries: await app.services.audit.list({ limit: req.query.limit, ...(req.query.before ? { before: req.query.before } : {}) }) }),
  );
};
