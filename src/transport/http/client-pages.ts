import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CLIENT_DIR } from '../../paths.js';

/** The web client's pages and assets, from client/public. */
export const clientPagesPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyStatic, { root: CLIENT_DIR, prefix: '/', index: 'index.html', wildcard: true });
  },
  { name: 'client-pages' },
);
