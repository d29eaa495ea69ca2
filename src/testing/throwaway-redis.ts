import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';

export interface ThrowawayRedis {
  url: string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (redis-server cannot take port 0 and say which it got). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Start redis-server on `port`: resolves once it accepts connections; null without a redis-server, undefined if it would not start. */
function startOn(port: number): Promise<ThrowawayRedis | null | undefined> {
  // Nothing is written to disk: no snapshots, no append-only file, and a scratch directory anyway.
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve) => {
    let out = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      // After start-up the output is read and dropped, so the pipe never fills.
      if (ready) return;
      out += chunk.toString();
      // Worded "ready to accept connections" by every redis-server version.
      if (/ready to accept connections/i.test(out)) {
        ready = true;
        resolve({ url: `redis://127.0.0.1:${port}`, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', () => resolve(null)); // no redis-server on PATH
    child.once('exit', () => resolve(undefined)); // e.g. the port was taken in the meantime
  });
}

/** A redis-server of the test run's own on a free local port, or undefined when none is installed. */
export async function startThrowawayRedis(): Promise<ThrowawayRedis | undefined> {
  // The port is free when chosen but another process may take it before redis-server binds it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = await startOn(await freePort());
    if (started !== undefined) return started ?? undefined;
  }
  return undefined;
}
