import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const protocolOf = (v: string): string | undefined => {
  try {
    return new URL(v).protocol;
  } catch {
    return undefined;
  }
};
const url = (protocols: string[]) =>
  z.string().url().refine((v) => protocols.includes(protocolOf(v) ?? ''), `must be a ${protocols.join(' or ')} URL`);
const origins = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  .pipe(z.array(z.string().url().transform((o) => new URL(o).origin)));

/** BCP 47-shaped tags ("en", "pt-BR"), lower-cased for comparison, duplicates dropped. */
const languages = z
  .string()
  .transform((v) => [...new Set(v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'must be comma-separated language tags such as en,pt-br')).min(1));

/**
 * Every environment variable Peerline reads, with its default (SPEC §3).
 * Empty strings count as unset, so `FOO=` in a compose file means "use the default".
 */
export const envSchema = z
  .object({
    /** HTTP port. @default 3000 */
    PORT: int(0, 65535).default(3000),
    /** Interface to bind. @default 127.0.0.1 */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Where the embedded database lives when DATABASE_URL is unset. @default ./data */
    DATA_DIR: z.string().min(1).default('./data'),
    /** Postgres connection string; unset = embedded PGlite in DATA_DIR. */
    DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
    /** Redis connection string; unset = single node, state in memory. */
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    /** Prefix of every Redis key this service writes. @default peerline: */
    REDIS_KEY_PREFIX: z.string().min(1).max(64).default('peerline:'),
    /** pino level. @default info */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Comma-separated browser origins allowed besides the same origin. @default same origin only */
    CORS_ORIGINS: origins.optional(),
    /** The public base URL (used in invite and setup links, and for Secure cookies). */
    PUBLIC_URL: url(['http:', 'https:']).optional(),
    /** Trust X-Forwarded-For from a proxy in front (the compose file's nginx). @default false */
    TRUST_PROXY: bool.default(false),
    BOOTSTRAP_ADMIN_USERNAME: z.string().min(3).max(64).optional(),
    BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).max(256).optional(),
    MODERATION_WEBHOOK_URL: url(['http:', 'https:']).optional(),
    MODERATION_WEBHOOK_SECRET: z.string().min(16).optional(),
    MODERATION_HOOKS: z.string().min(1).optional(),
    /** Milliseconds the moderation webhook may take before its failure mode applies. @default 300 */
    MODERATION_WEBHOOK_TIMEOUT_MS: int(10, 10_000).default(300),
    /** JSON `{words: [...]}` replacing lexicons/abuse.json. */
    ABUSE_WORDS_FILE: z.string().min(1).optional(),
    /** JSON `{phrases, patterns, notCrisis}` replacing lexicons/crisis.json. */
    CRISIS_LEXICON_FILE: z.string().min(1).optional(),
    /** Days flag excerpts are kept. @default 30 */
    FLAG_RETENTION_DAYS: int(1, 3650).default(30),
    /** Days session metadata is kept. @default 365 */
    SESSION_RETENTION_DAYS: int(1, 3650).default(365),
    /** New seeker tokens per address per minute. @default 10 */
    RATE_SEEKER_TOKENS: int(1, 100_000).default(10),
    /** MOD5: new seeker tokens per hour from an address under a ban (a shelter or campus is never shut out). */
    RATE_BANNED_ADDRESS_TOKENS: int(1, 100_000).default(2),
    /** Failed staff logins per address per 15 minutes. @default 10 */
    RATE_FAILED_LOGINS: int(1, 100_000).default(10),
    /** Messages per identity (a seeker token or a staff account, all its sockets on every node) per 10 s; other events get budgets in proportion. @default 20 */
    RATE_MESSAGES: int(1, 100_000).default(20),
    /** SEC2: sockets one identity may hold at once, across every node; one more is refused at the handshake. @default 10 */
    MAX_SOCKETS_PER_IDENTITY: int(1, 1000).default(10),
    /** SEC1: comma-separated language tags a seeker may ask for in chat:request. @default en */
    LANGUAGES: languages.default(['en']),
    /** PRIV1, CH4: seconds a chat's messages stay in any store after it ends (at most 10 minutes). @default 600 */
    LIVE_HISTORY_TTL_S: int(1, 600).default(600),
    /** Seconds a disconnected seeker's chat waits before it ends (CH7). @default 120 */
    CHAT_RECONNECT_GRACE_S: int(0, 86_400).default(120),
    /** Seconds a disconnected specialist keeps their chats (CH7). @default 30 */
    SPECIALIST_GRACE_S: int(0, 86_400).default(30),
    /** Seconds a disconnected waiting seeker keeps their place (CH8). @default 60 */
    QUEUE_GRACE_S: int(0, 86_400).default(60),
    /** JSON file of `{topics: [{id, label}], resources: [{name, contact, description}]}`. @default built-in list */
    CATALOG_FILE: z.string().min(1).optional(),
    /** Seconds between safety sweeps (missed matches, connections lost with a dead node); 0 = off. @default 5 */
    SWEEP_INTERVAL_S: int(0, 3600).default(5),
    /** Seconds a connection counts as present without its node refreshing it. @default 15 */
    PRESENCE_TTL_S: int(3, 3600).default(15),
    /** Lifetime of a seeker token. @default 43200 (12 h) */
    SEEKER_TOKEN_TTL_S: int(60, 7 * 86_400).default(43_200),
    /** Lifetime of a staff login. @default 12 */
    STAFF_SESSION_TTL_H: int(1, 24 * 30).default(12),
    /** Lifetime of a staff invite. @default 72 */
    INVITE_TTL_H: int(1, 24 * 30).default(72),
  })
  .refine((c) => !c.MODERATION_WEBHOOK_URL || c.MODERATION_WEBHOOK_SECRET, {
    message: 'MODERATION_WEBHOOK_URL needs MODERATION_WEBHOOK_SECRET (16+ characters) to sign requests',
    path: ['MODERATION_WEBHOOK_SECRET'],
  })
  .refine((c) => !c.BOOTSTRAP_ADMIN_USERNAME === !c.BOOTSTRAP_ADMIN_PASSWORD, {
    message: 'set both BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD, or neither',
    path: ['BOOTSTRAP_ADMIN_PASSWORD'],
  });

export type Config = Readonly<z.output<typeof envSchema>>;

/** A configuration problem, reported as one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse the environment once into a frozen, typed Config. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(envSchema.shape);
  const input: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = name in input && !/PASSWORD|SECRET|URL/.test(name) ? ` (got "${input[name]}")` : '';
    throw new ConfigError(`Invalid configuration: ${name}: ${issue.message}${got}`);
  }
  return Object.freeze(parsed.data);
}
