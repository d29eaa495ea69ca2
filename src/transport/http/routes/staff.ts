import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptInviteBody, createStaffBody, patchStaffBody, staffIdParams, staffSchema } from '../../../protocol/staff.js';
import { requireStaff, signedIn } from '../auth.js';

/** The console each role works in: an invite link opens it, asking for a password first. */
const CONSOLE_PATH = { specialist: '/specialist', moderator: '/moderator', admin: '/admin' } as const;

/** Staff management for admins, and invite acceptance for the invited. */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = requireStaff('admin');

  app.get('/staff', { schema: { tags: ['staff'], response: { 200: z.object({ staff: z.array(staffSchema) }) } }, onRequest: admin }, async () => ({
    staff: await app.services.staffAdmin.list(),
  }));

  app.post(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        body: createStaffBody,
        response: { 201: z.object({ staff: staffSchema, inviteToken: z.string(), inviteExpiresAt: z.string(), inviteUrl: z.string() }) },
      },
      onRequest: admin,
    },
    async (req, reply) => {
      const created = await app.services.staffAdmin.create(signedIn(req), { ...req.body, topics: req.body.topics ?? [] });
      const base = app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`;
      return reply.status(201).send({
        staff: created.staff,
        inviteToken: created.inviteToken,
        inviteExpiresAt: created.inviteExpiresAt.toISOString(),
        inviteUrl: `${base.replace(/\/$/, '')}${CONSOLE_PATH[created.staff.role]}#invite=${created.inviteToken}`,
      });
    },
  );

  app.patch(
    '/staff/:id',
    { schema: { tags: ['staff'], params: staffIdParams, body: patchStaffBody, response: { 200: z.object({ staff: staffSchema }) } }, onRequest: admin },
    async (req) => {
      const staff = await app.services.staffAdmin.update(signedIn(req), req.params.id, req.body);
      // SEC3/SEC5: a disabled account's sockets close at once, on every node; after a role change
      // they reconnect with the new role.
      if (req.body.disabled !== undefined || req.body.role !== undefined) app.io.in(`staff:${staff.id}`).disconnectSockets(true);
      return { staff };
    },
  );

  app.post(
    '/invites/accept',
    { config: { rateLimit: { max: 20, timeWindow: 60_000 } }, schema: { tags: ['staff'], body: acceptInviteBody, response: { 200: z.object({ staff: staffSchema }) } } },
    async (req) => ({ staff: await app.services.staffAdmin.acceptInvite(req.body.inviteToken, req.body.password) }),
  );
};
