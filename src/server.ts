import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** Create the first admin from BOOTSTRAP_ADMIN_* when no admin exists (before listening). */
async function bootstrapAdmin(app: FastifyInstance, config: Config): Promise<void> {
  if (!config.BOOTSTRAP_ADMIN_USERNAME || !config.BOOTSTRAP_ADMIN_PASSWORD) return;
  const created = await app.services.firstAdmin.bootstrap({
    username: config.BOOTSTRAP_ADMIN_USERNAME,
    password: config.BOOTSTRAP_ADMIN_PASSWORD,
    displayName: config.BOOTSTRAP_ADMIN_USERNAME,
  });
  if (created) app.log.info({ staffId: created.id }, 'bootstrap admin created');
}

/** With no admin and no BOOTSTRAP_ADMIN_*, print a one-time setup token for POST /api/v1/setup. */
async function printSetupToken(app: FastifyInstance, baseUrl: string): Promise<void> {
  const setupToken = await app.services.firstAdmin.issueSetupToken();
  if (!setupToken) return;
  // Printed, not logged: the token is for the operator's eyes and must not land in log storage.
  process.stdout.write(
    `\nNo admin account exists yet. Create one within 24 hours with this one-time setup token:\n` +
      `  ${setupToken}\n` +
      `  Open ${baseUrl}/admin and choose "First start", or:\n` +
      `  curl -X POST ${baseUrl}/api/v1/setup -H 'content-type: application/json' \\\n` +
      `    -d '{"setupToken":"${setupToken}","username":"admin","displayName":"Admin","password":"<12+ characters>"}'\n\n`,
  );
}

/**
 * A timer that keeps the event loop alive while the service starts; returns its release. Whenever
 * the loop runs out of handles and requests (as while a promise waits for V8, e.g. on WASM
 * compilation), Node blocks until every queued V8 background task has finished (DrainTasks)
 * before it runs the next callback. While PGlite starts, those tasks are TurboFan compile jobs for
 * its WASM: without the timer, starts stalled on them again and again (SPEC P5).
 */
function holdEventLoop(): () => void {
  const timer = setInterval(() => {}, 60_000);
  return () => clearInterval(timer);
}

async function main(): Promise<void> {
  const releaseEventLoop = holdEventLoop();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app.close().then(
      () => {
        clearTimeout(deadline);
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await bootstrapAdmin(app, config);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  releaseEventLoop();
  const baseUrl = config.PUBLIC_URL ?? address.replace('127.0.0.1', 'localhost');
  await printSetupToken(app, baseUrl);
  app.log.info({ url: baseUrl, database: app.backends.db.kind, state: app.backends.redis ? 'redis' : 'memory' }, 'Peerline is ready');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Peerline failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
