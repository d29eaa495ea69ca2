import { storable } from '../../protocol/storable.js';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../core/errors.js';

/** Whether a browser Origin may talk to us: same origin, or listed in CORS_ORIGINS (SEC4). */
export function originAllowed(origin: string | undefined, host: string | undefined, allowlist: readonly string[] = []): boolean {
  if (!origin) return true; // not a browser, or a same-origin GET: nothing to check
  if (allowlist.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Browser origins allowed besides the request's own host: CORS_ORIGINS and PUBLIC_URL's origin. */
export const allowedOrigins = (config: { CORS_ORIGINS?: readonly string[]; PUBLIC_URL?: string }): string[] => [
  ...(config.CORS_ORIGINS ?? []),
  ...(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : []),
];

/** Headers (strict CSP, no inline script), CORS allowlist, cookies and a per-address request budget. */
export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    const allowlist = allowedOrigins(app.config);
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    });
    const crossOrigin = app.config.CORS_ORIGINS ?? [];
    await app.register(cors, { origin: crossOrigin.length ? [...crossOrigin] : false, credentials: true });
    await app.register(cookie);
    // SEC1: text that storage cannot hold (NUL, unpaired surrogates) is made storable before validation.
    app.addHook('preValidation', async (req: FastifyRequest) => {
      req.body = storable(req.body);
      req.query = storable(req.query);
      req.params = storable(req.params);
    });
    // Refuse state-changing requests from foreign browser origins (CSRF), whatever CORS says.
    app.addHook('onRequest', async (req: FastifyRequest) => {
      if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
      if (!originAllowed(req.headers.origin, req.headers.host, allowlist)) throw new AppError('FORBIDDEN', 'This origin is not allowed');
    });
    await app.register(rateLimit, {
      global: true,
      max: 600,
      timeWindow: 60_000,
      keyGenerator: (req) => app.services.addresses.hash(req.ip),
      ...(app.backends.redis ? { redis: app.backends.redis.client, nameSpace: `${app.backends.redis.prefix}http-rl:` } : {}),
      skipOnError: true,
      errorResponseBuilder: (_req, ctx) =>
        new AppError('RATE_LIMITED', 'Too many requests. Please slow down.', { details: { retryAfterMs: ctx.ttl } }),
    });
  },
  { name: 'security' },
);
