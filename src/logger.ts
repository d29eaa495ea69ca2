import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

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

/** Only method, path (never the query string) and route: no client address, no user agent (PRIV2). */
const serializers = {
  req: (req: { method?: string; url?: string; routeOptions?: { url?: string } }) => ({
    method: req.method,
    url: (req.url ?? '').split('?')[0],
    route: req.routeOptions?.url,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  // ioredis puts the failed command's arguments (a message, a token hash) on the error: never log them.
  err: (err: Error & { command?: unknown; args?: unknown }) => {
    const { command: _command, args: _args, ...rest } = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
    return rest;
  },
};

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = { level, redact: { paths: REDACT, censor: '[redacted]' }, serializers };
  return destination ? pino(options, destination) : pino(options);
}
