// Restart or upgrade Peerline nodes one at a time, under live chats (SPEC REL6). For each node in
// turn: stop it and wait until it has exited (a node told to stop closes its sockets first, and its
// clients reconnect to the other nodes: REL4), start it again, wait until its /readyz answers 200,
// and only then go on to the next. Before a node is stopped, every other node must be ready: a
// second node never goes down while one is not ready. A node that does not exit, or does not come
// back ready within the deadline, stops the roll: the script names it, leaves the rest untouched
// and exits 1.
//
//   node scripts/rolling-restart.mjs --stop CMD --start CMD [--ready CMD] [--timeout 60] NAME[=URL]...
//
// Each command runs in a shell with $NODE_NAME and $NODE_URL set to the node's. The stop command
// must return once the node has exited (`docker compose stop` and `systemctl stop` do). A node is
// ready when GET URL/readyz answers 200, or, with --ready, when that command exits 0. With
// docker-compose.yml (upgrade: build the new image first):
//   node scripts/rolling-restart.mjs --stop 'docker compose stop "$NODE_NAME"' \
//     --start 'docker compose up -d --no-deps "$NODE_NAME"' \
//     --ready 'docker compose exec -T "$NODE_NAME" node -e "fetch(\"http://127.0.0.1:3000/readyz\").then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"' \
//     app1 app2
// `npm run cluster` rolls its own nodes with the same function on SIGHUP: kill -HUP <its pid>.
/* global fetch, AbortSignal */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The roll stopped: a node did not exit or did not come back ready in time. */
export class RollingRestartError extends Error {
  name = 'RollingRestartError';
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** `fn(node)` as a promise, even when it throws at once. */
const call = (fn, node) => Promise.resolve().then(() => fn(node));

/** `promise`, or a rejection with `message` once `ms` have passed. */
function within(promise, ms, message) {
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new RollingRestartError(message)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** True once `ready(node)` says so, false if it has not by `deadline` (a failed or hung probe counts as not ready). */
async function readyBy(ready, node, deadline, pollMs) {
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    if (await within(call(ready, node), left, 'probe timed out').catch(() => false)) return true;
    await delay(Math.min(pollMs, Math.max(0, deadline - performance.now())));
  }
}

/** GET url/readyz answers 200. */
export async function readyz(url) {
  const res = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2_000) });
  await res.body?.cancel();
  return res.status === 200;
}

/**
 * Restart `nodes` one at a time. `stop(node)` resolves once the node has exited; `start(node)`
 * starts it again and may resolve with a new description of it (a new address), which `ready` and
 * the result then use; `ready(node)` resolves true when it serves. `timeoutMs` bounds each wait
 * (exit, start, readiness). Resolves with the nodes as they are now; rejects with a
 * RollingRestartError saying which node failed and which were not restarted.
 */
export async function rollingRestart(nodes, { stop, start, ready, timeoutMs = 60_000, pollMs = 250, log = (line) => process.stdout.write(`${line}\n`) }) {
  const current = [...nodes];
  const nameOf = (i) => current[i]?.name ?? `node ${i + 1}`;
  const fail = (i, what) => {
    const untouched = current.slice(i + 1).map((_, j) => nameOf(i + 1 + j));
    return new RollingRestartError(`${what}. Stopped rolling${untouched.length ? `; not restarted: ${untouched.join(', ')}` : ''}.`);
  };
  for (let i = 0; i < current.length; i++) {
    const step = `[${i + 1}/${current.length}] ${nameOf(i)}`;
    for (let j = 0; j < current.length; j++) {
      if (j === i || (await readyBy(ready, current[j], performance.now() + timeoutMs, pollMs))) continue;
      const untouched = current.slice(i).map((_, k) => nameOf(i + k));
      throw new RollingRestartError(`${nameOf(j)} is not ready, so ${nameOf(i)} was not stopped. Stopped rolling; not restarted: ${untouched.join(', ')}.`);
    }
    const began = performance.now();
    log(`${step}: stopping`);
    await within(call(stop, current[i]), timeoutMs, `${nameOf(i)} did not exit within ${seconds(timeoutMs)}`).catch((err) => {
      throw fail(i, err instanceof RollingRestartError ? err.message : `stopping ${nameOf(i)} failed: ${err.message}`);
    });
    log(`${step}: exited after ${seconds(performance.now() - began)}; starting`);
    const started = await within(call(start, current[i]), timeoutMs, `${nameOf(i)} did not start within ${seconds(timeoutMs)}`).catch((err) => {
      throw fail(i, err instanceof RollingRestartError ? err.message : `starting ${nameOf(i)} failed: ${err.message}`);
    });
    if (started) current[i] = started;
    if (!(await readyBy(ready, current[i], performance.now() + timeoutMs, pollMs))) throw fail(i, `${nameOf(i)} did not come back ready within ${seconds(timeoutMs)}`);
    log(`${step}: ready, ${seconds(performance.now() - began)} after it was stopped`);
  }
  log(`Rolling restart done: ${current.length} node${current.length === 1 ? '' : 's'}, one at a time.`);
  return current;
}

/** Run `command` in a shell with the node in its environment; resolves when it exits 0. */
function run(command, node, stdio = 'inherit') {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', stdio, stdio], env: { ...process.env, NODE_NAME: node.name, NODE_URL: node.url ?? '' } });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`\`${command}\` exited with ${code ?? signal}`))));
  });
}

const cliSchema = z
  .object({
    stop: z.string().trim().min(1, '--stop is required'),
    start: z.string().trim().min(1, '--start is required'),
    ready: z.string().trim().min(1).optional(),
    timeout: z.coerce.number().int().min(1).max(3_600),
    nodes: z
      .array(
        z.string().transform((arg, ctx) => {
          const [name, url] = [arg.split('=', 1)[0], arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined];
          if (!/^[\w.-]+$/.test(name)) ctx.addIssue({ code: 'custom', message: `"${arg}": a node is NAME or NAME=URL` });
          if (url !== undefined && !URL.canParse(url)) ctx.addIssue({ code: 'custom', message: `"${arg}": ${url} is not a URL` });
          return url === undefined ? { name } : { name, url };
        }),
      )
      .min(1, 'name at least one node'),
  })
  .refine((o) => o.ready || o.nodes.every((n) => n.url), { message: 'without --ready, every node needs a URL (NAME=URL) for its /readyz' });

const USAGE = 'usage: node scripts/rolling-restart.mjs --stop CMD --start CMD [--ready CMD] [--timeout SECONDS] NAME[=URL]...';

async function main() {
  let options;
  try {
    const { values, positionals } = parseArgs({
      options: { stop: { type: 'string', default: '' }, start: { type: 'string', default: '' }, ready: { type: 'string' }, timeout: { type: 'string', default: '60' } },
      allowPositionals: true,
    });
    options = cliSchema.parse({ ...values, nodes: positionals });
  } catch (err) {
    const message = err instanceof z.ZodError ? err.issues[0].message : err.message;
    process.stderr.write(`${message}\n${USAGE}\n`);
    process.exit(2);
  }
  try {
    await rollingRestart(options.nodes, {
      stop: (node) => run(options.stop, node),
      start: (node) => run(options.start, node),
      ready: options.ready ? (node) => run(options.ready, node, 'ignore').then(() => true, () => false) : (node) => readyz(node.url),
      timeoutMs: options.timeout * 1_000,
    });
  } catch (err) {
    process.stderr.write(`Rolling restart failed: ${err.message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
