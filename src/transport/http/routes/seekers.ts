import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isAppError } from '../../../core/errors.js';
import { seekerCreated, seekerRefused } from '../../../protocol/http.js';

/** POST /seekers: a fresh anonymous identity (PRIV3), rate-limited per hashed address. */
export const seekerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/seekers',
    { schema: { summary: 'Start as an anonymous seeker', tags: ['seekers'], response: { 201: seekerCreated, 403: seekerRefused } } },
    async (req, reply) => {
      try {
        const issued = await app.services.seekers.issue(await app.services.addresses.hashes(req.ip));
        return await reply.status(201).send({ token: issued.token, alias: issued.alias, expiresAt: issued.expiresAt.toISOString() });
      } catch (err) {
        // MOD5: a person refused a new chat is always shown the crisis lines with the reason.
        if (isAppError(err) && err.details?.crisisLines) return reply.status(403).send({ error: { code: err.code, message: err.message, resources: app.catalog.resources } });
        throw err;
      }
    },
  );
};
