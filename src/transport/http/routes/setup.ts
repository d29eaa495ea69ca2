import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setupBody, staffSchema } from '../../../protocol/staff.js';

/** POST /setup: the first admin, with the token printed at boot, only while no admin exists. */
export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/setup',
    { config: { rateLimit: { max: 20, timeWindow: 60_000 } }, schema: { tags: ['auth'], body: setupBody, response: { 201: z.object({ staff: staffSchema }) } } },
    async (req, reply) => {
      const { setupToken, ...admin } = req.body;
      const staff = await app.services.firstAdmin.setup(setupToken, admin);
      return reply.status(201).send({ staff });
    },
  );
};
