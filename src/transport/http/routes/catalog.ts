import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resourceSchema, topicSchema } from '../../../protocol/http.js';

/** Public lists: topics a seeker can pick, and crisis resources (configurable with CATALOG_FILE). */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/topics', { schema: { tags: ['public'], response: { 200: z.array(topicSchema) } } }, async () => app.catalog.topics);
  app.get('/resources', { schema: { tags: ['public'], response: { 200: z.array(resourceSchema) } } }, async () => app.catalog.resources);
};
