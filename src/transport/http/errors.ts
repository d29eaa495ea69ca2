import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../../core/errors.js';
import { ERROR_STATUS, type ErrorCode } from '../../protocol/errors.js';

const PUBLIC_5XX: Record<string, string> = {
  INTERNAL: 'Something went wrong on our side. Please try again.',
  UNAVAILABLE: 'The service is briefly unavailable. Please try again in a moment.',
};

const codeForStatus = (status: number): ErrorCode =>
  status === 401 ? 'UNAUTHENTICATED'
  : status === 403 ? 'FORBIDDEN'
  : status === 404 ? 'NOT_FOUND'
  : status === 409 ? 'CONFLICT'
  : status === 429 ? 'RATE_LIMITED'
  : status === 503 ? 'UNAVAILABLE'
  : status >= 500 ? 'INTERNAL'
  : 'VALIDATION';

/** Every failure leaves as `{ error: { code, message } }` (SPEC §4); 5xx never leaks internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status: number;
    let code: ErrorCode;
    let message: string;
    if (isAppError(err)) {
      code = err.code;
      status = ERROR_STATUS[code];
      message = err.message;
      const retryAfterMs = err.details?.retryAfterMs;
      if (typeof retryAfterMs === 'number') reply.header('retry-after', Math.max(1, Math.ceil(retryAfterMs / 1000)));
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      code = 'VALIDATION';
      message = err.validation
        .map((v) => `${[err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.')}: ${v.message}`)
        .join('; ');
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      code = 'VALIDATION';
      message = 'The request body is too large (64 KB at most)';
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      code = codeForStatus(status);
      message = err.message;
    } else {
      status = 500;
      code = 'INTERNAL';
      message = '';
    }
    if (status >= 500) {
      req.log.error({ err, code }, 'request failed');
      message = PUBLIC_5XX[code] ?? PUBLIC_5XX.INTERNAL!;
    }
    return reply.status(status).send({ error: { code, message } });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${req.url.split('?')[0]}` } }),
  );
}
