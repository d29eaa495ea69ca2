import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FLAG_ACTIONS } from '../../../protocol/events.js';
import { messageSchema } from '../../../protocol/messages.js';
import { requireStaff, signedIn } from '../auth.js';

const flagSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  messageId: z.string().nullable(),
  source: z.enum(['report', 'escalation', 'hook']),
  severity: z.enum(['low', 'medium', 'high']),
  reason: z.string(),
  status: z.enum(['open', 'resolved']),
  excerpt: z.array(messageSchema).nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.enum(FLAG_ACTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  crisis: z.boolean(),
  chatLive: z.boolean().nullable(),
  claimedBy: z.object({ id: z.string(), displayName: z.string(), expiresAt: z.string() }).nullable(),
});

const flagParams = z.object({ id: z.string().uuid() });
const oneFlag = z.object({ flag: flagSchema });

/** The moderator's queue (MOD4), actions (MOD5), claims and notes to the specialist (UX6). Admins can do what moderators can. */
export const flagRoutes: FastifyPluginAsyncZod = async (app) => {
  const moderator = requireStaff('moderator');

  app.get(
    '/flags',
    {
      schema: {
        tags: ['moderation'],
        querystring: z.object({ status: z.enum(['open', 'resolved']).default('open'), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ flags: z.array(flagSchema) }) },
      },
      onRequest: moderator,
    },
    async (req) => ({ flags: await app.chat.moderation.list(req.query.status, req.query.limit) }),
  );

  app.post(
    '/flags/:id/resolve',
    {
      schema: {
        tags: ['moderation'],
        params: flagParams,
        body: z.object({ action: z.enum(FLAG_ACTIONS), note: z.string().trim().max(1000).optional() }),
        response: { 200: z.object({ flag: flagSchema, outcome: z.string() }) },
      },
      onRequest: moderator,
    },
    async (req) => app.chat.moderation.resolve(signedIn(req).id, req.params.id, req.body.action, req.body.note),
  );

  app.post(
    '/flags/:id/claim',
    { schema: { tags: ['moderation'], params: flagParams, response: { 200: oneFlag } }, onRequest: moderator },
    async (req) => ({ flag: await app.chat.moderation.claim(signedIn(req).id, req.params.id) }),
  );

  app.delete(
    '/flags/:id/claim',
    { schema: { tags: ['moderation'], params: flagParams, response: { 200: oneFlag } }, onRequest: moderator },
    async (req) => ({ flag: await app.chat.moderation.release(signedIn(req).id, req.params.id) }),
  );

  app.post(
    '/flags/:id/note',
    {
      schema: {
        tags: ['moderation'],
        params: flagParams,
        body: z.object({ text: z.string().trim().min(1).max(1000) }),
        response: { 200: z.object({ flag: flagSchema, text: z.string() }) },
      },
      onRequest: moderator,
    },
    async (req) => app.chat.moderation.note(signedIn(req).id, req.params.id, req.body.text),
  );
};
