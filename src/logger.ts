import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { isPostgresError, valueFreeMessage } from './backends/postgres/db-error.js';

/** Paths pino blanks out wherever they appear (PRIV1-2): secrets, cookies and any message text. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'token',
  'password',
  'text',
  'feedback',
  'note',
  '*.token',
  '*.password',
  '*.inviteToken',
  '*.setupToken',
  '*.sessionToken',
  '*.text',
  '*.feedback',
  '*.note',
  '*.auth',
];

/**
 * What of an error may be logged: its kind and names, never values (PRIV1-2). Everything else is
 * left out: Postgres puts values in `detail`, `where`, `hint` and `internalQuery`, PGlite adds the
 * query and its `params`, ioredis the failed command's `args` (a message, a token hash).
 */
const ERROR_FIELDS = ['code', 'statusCode', 'severity', 'kind', 'errno', 'syscall', 'constraint', 'table', 'column', 'dataType', 'routine'] as const;

function serializeError(err: unknown, depth = 0): unknown {
  // Only errors are described; any other object could hold anything.
  if (!(err instanceof Error)) return typeof err === 'object' && err !== null ? { type: Object.prototype.toString.call(err) } : err;
  const out: Record<string, unknown> = { type: err.constructor.name, message: err.message, stack: err.stack };
  if (isPostgresError(err)) {
    // Postgres quotes the offending input in some messages, and the stack repeats the message.
    out.message = valueFreeMessage(err);
    out.stack = [`${err.name}: ${String(out.message)}`, ...(err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))].join('\n');
  }
  for (const field of ERROR_FIELDS) {
    const value = (err as unknown as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  if (err.cause !== undefined && depth < 5) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/** Only method, path (never the query string) and route: no client address, no user agent (PRIV2). */
const serializers = {
  req: (req: { method?: string; url?: string; routeOptions?: { url?: string } }) => ({
    method: req.method,
    url: (req.url ?? '').split('?')[0],
    route: req.routeOptions?.url,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: serializeError,
};

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = { level, redact: { paths: REDACT, censor: '[redacted]' }, serializers };
  return destination ? pino(options, destination) : pino(options);
}
