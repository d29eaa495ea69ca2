import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuery } from '../../../protocol/http.js';
import { requireStaff } from '../auth.js';

/**
 * GET /audit: the append-only log of staff actions, newest first, a page at a time (moderators and
 * admins). Each entry names who acted (UX6); `before` (an entry id) pages back.
 */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['moderation'], querystring: auditQuery, response: { 200: auditPageSchema } }, onRequest: requireStaff('moderator') },
    async (req) => {
      const { limit, before } = req.query;
      // One entry more than asked says whether there is an older page, without a count.
      const entries = await app.services.audit.list({ limit: limit + 1, ...(before ? { before } : {}) });
      return { entries: entries.slice(0, limit), hasOlder: entries.length > limit };
    },
  );
};
