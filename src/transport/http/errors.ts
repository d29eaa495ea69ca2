import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../../core/errors.js';
import type { ErrorCode } from '../../protocol/errors.js';
import { isBackendDown, toWireError } from '../wire-error.js';

const codeForStatus = (status: number): ErrorCode =>
  status === 401 ? 'UNAUTHENTICATED'
  : status === 403 ? 'FORBIDDEN'
  : status === 404 ? 'NOT_FOUND'
  : status === 409 ? 'CONFLICT'
  : status === 429 ? 'RATE_LIMITED'
  : 'VALIDATION';

/** Every failure leaves as `{ error: { code, message } }` (SPEC §4); 5xx never leaks internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const message = err.validation
        .map((v) => `${[err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.')}: ${v.message}`)
        .join('; ');
      return reply.status(400).send({ error: { code: 'VALIDATION', message } });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'VALIDATION', message: 'The request body is too large (64 KB at most)' } });
    }
    if (!isAppError(err) && !isBackendDown(err) && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: codeForStatus(err.statusCode), message: err.message } });
    }
    const wire = toWireError(err);
    if (wire.unexpected) req.log.error({ err }, 'request failed');
    else if (wire.status >= 500) req.log.warn({ code: wire.code, reason: err.message }, 'backend unavailable');
    if (wire.retryAfterMs !== undefined) reply.header('retry-after', Math.max(1, Math.ceil(wire.retryAfterMs / 1000)));
    return reply.status(wire.status).send({ error: { code: wire.code, message: wire.message } });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${req.url.split('?')[0]}` } }),
  );
}
