import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { STAFF_COOKIE } from '../protocol/http.js';
import { testCatalogFile } from './topics.js';
import { dropPrefix, dropSchema, serviceUrl, testPrefix, testSchema } from './real-services.js';

export type BackendKind = 'embedded' | 'real';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  /** http://127.0.0.1:<port> once listening. */
  url: string;
  /** Every log line written so far, raw JSON. */
  logs: string[];
  close(): Promise<void>;
}

/** The backend kinds to run a suite on: embedded always, real Postgres + Redis when configured. */
export function backendKinds(): BackendKind[] {
  const db = serviceUrl('DATABASE_URL');
  const redis = serviceUrl('REDIS_URL');
  return db && redis ? ['embedded', 'real'] : ['embedded'];
}

/**
 * A whole app on port 0: embedded (in-memory PGlite, in-memory state) or real (Postgres in a schema
 * of its own, Redis under a prefix of its own). Logs are captured for privacy assertions.
 */
export async function startTestApp(kind: BackendKind, env: Record<string, string> = {}): Promise<TestApp> {
  const logs: string[] = [];
  const schema = testSchema();
  const prefix = testPrefix();
  const real = kind === 'real' ? { db: serviceUrl('DATABASE_URL')!, redis: serviceUrl('REDIS_URL')! } : undefined;
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_KEY_PREFIX: prefix,
    CATALOG_FILE: testCatalogFile(),
    ...(real ? { DATABASE_URL: real.db, REDIS_URL: real.redis } : {}),
    ...env,
  });
  const app = await buildApp(config, {
    backendOptions: { schema, inMemoryDb: true },
    logStream: { write: (line: string) => void logs.push(line) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    logs,
    async close() {
      await app.close();
      if (real) await Promise.all([dropSchema(real.db, schema), dropPrefix(real.redis, prefix)]);
    },
  };
}

export const ADMIN = { username: 'root-admin', password: 'correct horse battery', displayName: 'Root Admin' };

/** Create the first admin (bootstrap path) and sign in; returns the cookie header value. */
export async function signInAdmin(app: FastifyInstance): Promise<string> {
  await app.services.firstAdmin.bootstrap(ADMIN);
  return signIn(app, ADMIN.username, ADMIN.password);
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === STAFF_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return `${STAFF_COOKIE}=${cookie.value}`;
}

/** Create a staff member by invite and accept it; returns their cookie. */
export async function createStaff(
  app: FastifyInstance,
  adminCookie: string,
  input: { username: string; displayName: string; role: 'specialist' | 'moderator' | 'admin'; topics?: string[] },
  password = 'a long enough password',
): Promise<{ id: string; cookie: string }> {
  const created = await app.inject({ method: 'POST', url: '/api/v1/staff', headers: { cookie: adminCookie }, payload: input });
  if (created.statusCode !== 201) throw new Error(`create staff failed: ${created.body}`);
  const { staff, inviteToken } = created.json() as { staff: { id: string }; inviteToken: string };
  // From an address of its own: accepting is rate-limited per address, and tests create many accounts.
  const remoteAddress = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const accepted = await app.inject({ method: 'POST', url: '/api/v1/invites/accept', payload: { inviteToken, password }, remoteAddress });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  return { id: staff.id, cookie: await signIn(app, input.username, password) };
}
