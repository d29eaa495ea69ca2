import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** /healthz: the process answers. /readyz: the database (and Redis, when used) answer too; 503 names what is down. */
export const healthPlugin = fp(
  async (app: FastifyInstance) => {
    app.get('/healthz', { schema: { hide: true }, config: { rateLimit: false } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
      const checks = await app.backends.health();
      const down = Object.entries(checks).filter(([, up]) => !up).map(([name]) => name);
      if (down.length === 0) return { status: 'ready', checks };
      return reply.status(503).send({
        status: 'unavailable',
        checks,
        down,
        error: { code: 'UNAVAILABLE', message: `Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` },
      });
    });
  },
  { name: 'health' },
);
