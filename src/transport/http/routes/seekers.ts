import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { seekerCreated } from '../../../protocol/http.js';

/** POST /seekers: a fresh anonymous identity (PRIV3), rate-limited per hashed address. */
export const seekerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/seekers',
    { schema: { summary: 'Start as an anonymous seeker', tags: ['seekers'], response: { 201: seekerCreated } } },
    async (req, reply) => {
      const issued = await app.services.seekers.issue(await app.services.addresses.hashes(req.ip));
      return reply.status(201).send({ token: issued.token, alias: issued.alias, expiresAt: issued.expiresAt.toISOString() });
    },
  );
};
