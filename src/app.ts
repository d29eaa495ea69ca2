import compress from '@fastify/compress';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { createBackends, type BackendOptions, type Backends } from './backends/select.js';
import { loadCatalog } from './catalog.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { API_PREFIX } from './protocol/http.js';
import { createServices } from './services.js';
import './transport/http/context.js';
import { clientPagesPlugin } from './transport/http/client-pages.js';
import { docsPlugin } from './transport/http/docs.js';
import { installErrorHandling } from './transport/http/errors.js';
import { healthPlugin } from './transport/http/health.js';
import { metricsPlugin } from './transport/http/metrics.js';
import { securityPlugin } from './transport/http/security.js';
import { auditRoutes } from './transport/http/routes/audit.js';
import { authRoutes } from './transport/http/routes/auth.js';
import { catalogRoutes } from './transport/http/routes/catalog.js';
import { flagRoutes } from './transport/http/routes/flags.js';
import { sessionRoutes } from './transport/http/routes/sessions.js';
import { seekerRoutes } from './transport/http/routes/seekers.js';
import { setupRoutes } from './transport/http/routes/setup.js';
import { staffRoutes } from './transport/http/routes/staff.js';
import { chatPlugin } from './transport/socket/chat-plugin.js';
import { socketPlugin } from './transport/socket/io.js';

export interface AppDeps {
  /** Ready-made backends (tests); otherwise built from config and closed with the app. */
  backends?: Backends;
  backendOptions?: BackendOptions;
  /** Where log lines go (tests capture them); default stdout. */
  logStream?: DestinationStream;
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
/** zod's compilers as Fastify's factories (typed there for ajv-shaped ones; both take the route's schema). */
const ZOD_COMPILERS = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as CompilersFactory;

/** Build the whole service as a Fastify instance with Socket.IO attached. Never listens. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const logger = createLogger(config.LOG_LEVEL, deps.logStream);
  const catalog = loadCatalog(config.CATALOG_FILE);
  const backends =
    deps.backends ??
    (await createBackends(config, { onDbError: (err) => logger.warn({ err }, 'database connection error'), ...deps.backendOptions }));
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
    // Routes validate and serialise with zod. Given here rather than set afterwards, so Fastify
    // never loads its default JSON-schema compilers (ajv), which would slow every start (SPEC P5).
    schemaController: { compilersFactory: ZOD_COMPILERS },
  });
  installErrorHandling(app);

  app.decorate('config', config);
  app.decorate('backends', backends);
  app.decorate('services', createServices(config, backends));
  app.decorate('catalog', catalog);
  app.decorateRequest('staff', null);
  if (!deps.backends) app.addHook('onClose', async () => backends.close());

  // br or gzip for pages, scripts and JSON (SPEC P7: a slow phone's landing); first, so it also
  // wraps @fastify/static, which sends the client's assets as the build compressed them.
  await app.register(compress, { encodings: ['br', 'gzip'] });
  await app.register(metricsPlugin);
  await app.register(docsPlugin);
  await app.register(securityPlugin);
  await app.register(healthPlugin);
  await app.register(socketPlugin);
  await app.register(chatPlugin);
  await app.register(
    async (api) => {
      await api.register(seekerRoutes);
      await api.register(authRoutes);
      await api.register(setupRoutes);
      await api.register(staffRoutes);
      await api.register(catalogRoutes);
      await api.register(auditRoutes);
      await api.register(flagRoutes);
      await api.register(sessionRoutes);
    },
    { prefix: API_PREFIX },
  );
  await app.register(clientPagesPlugin);
  return app;
}
