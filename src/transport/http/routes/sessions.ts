import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionsQuery, sessionSummarySchema, statsQuery, statsSchema } from '../../../protocol/http.js';
import { requireStaff, signedIn } from '../auth.js';

/** GET /sessions (a specialist sees their own chats, an admin all) and GET /stats (admin): metadata only. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sessions',
    {
      schema: { tags: ['sessions'], querystring: sessionsQuery, response: { 200: z.object({ sessions: z.array(sessionSummarySchema) }) } },
      onRequest: requireStaff('specialist', 'admin'),
    },
    async (req) => {
      const staff = signedIn(req);
      const sessions = await app.services.sessions.list({
        limit: req.query.limit,
        ...(staff.role === 'admin' ? {} : { specialistId: staff.id }),
        ...(req.query.before ? { before: new Date(req.query.before) } : {}),
      });
      return { sessions };
    },
  );

  app.get(
    '/stats',
    { schema: { tags: ['sessions'], querystring: statsQuery, response: { 200: statsSchema } }, onRequest: requireStaff('admin') },
    async (req) => {
      const until = new Date();
      return app.services.sessions.stats(new Date(until.getTime() - req.query.hours * 3_600_000), until);
    },
  );
};
