// `npm run cluster`: N Peerline nodes plus a load balancer on this machine, without Docker: the
// topology of docker-compose.yml. Needs DATABASE_URL and REDIS_URL (the nodes share them).
//   NODES (2), CLUSTER_PORT (3000; 0 = any free port), other variables are passed to every node.
// SIGHUP: a rolling restart (scripts/rolling-restart.mjs): each node in turn gets SIGTERM, is
// started again once it has exited (from the current dist/, so run `npm run build` first for an
// upgrade), joins the balancer on its new port and must answer /readyz before the next goes down.
// SIGTERM or SIGINT stops the whole cluster.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoadBalancer } from './load-balancer.mjs';
import { NODE_FLAGS } from './node-flags.mjs';
import { readyz, rollingRestart } from './rolling-restart.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.env.NODES ?? 2);
if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  process.stderr.write('npm run cluster needs DATABASE_URL and REDIS_URL: the nodes share PostgreSQL and Redis.\n');
  process.exit(1);
}

/** Every node process still running, from its spawn: a stop reaches one that is still starting. */
const running = new Map();
let stopping = false;

/** Start node `index` on a free port; resolves with its process and address once it listens. */
function startNode(index) {
  if (stopping) return Promise.reject(new Error('the cluster is stopping'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, join(root, 'dist', 'src', 'server.js')], {
      env: { ...process.env, PORT: '0', TRUST_PROXY: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
    running.set(child, exited);
    exited.then(() => running.delete(child));
    let out = '';
    let listening = false;
    child.stdout.on('data', (chunk) => {
      if (listening) return void process.stdout.write(chunk);
      out += chunk.toString();
      const match = /Server listening at http:\/\/([\d.]+):(\d+)/.exec(out);
      if (!match) return;
      listening = true;
      process.stdout.write(`node ${index + 1} listening on ${match[1]}:${match[2]}\n`);
      // What the node wrote after that line in the same chunk ("Peerline is ready"), as it comes.
      const rest = out.slice(out.indexOf('\n', match.index) + 1);
      if (out.indexOf('\n', match.index) >= 0 && rest) process.stdout.write(rest);
      resolve({ name: `node ${index + 1}`, index, child, exited, target: { host: match[1], port: Number(match[2]) } });
    });
    exited.then((code) => reject(new Error(`node ${index + 1} exited with ${code}`)));
  });
}

const nodes = await Promise.all(Array.from({ length: count }, (_, i) => startNode(i)));
// The balancer reads this array on every connection: a restarted node replaces its entry.
const targets = nodes.map((n) => n.target);
const lb = await startLoadBalancer(targets, Number(process.env.CLUSTER_PORT ?? 3000));
process.stdout.write(`Peerline cluster of ${count} nodes at http://127.0.0.1:${lb.address().port}\n`);
process.stdout.write(`(kill -HUP ${process.pid} for a rolling restart)\n`);

let rolling;
process.on('SIGHUP', () => {
  if (rolling || stopping) return void process.stdout.write('A rolling restart is already running, or the cluster is stopping.\n');
  rolling = rollingRestart(nodes, {
    async stop(node) {
      node.child.kill('SIGTERM');
      await node.exited;
    },
    async start(node) {
      const next = await startNode(node.index);
      if (stopping) next.child.kill('SIGTERM'); // the cluster was told to stop while this node started
      nodes[node.index] = next;
      targets[node.index] = next.target;
      return next;
    },
    ready: (node) => readyz(`http://${node.target.host}:${node.target.port}`),
  })
    .catch((err) => process.stderr.write(`Rolling restart failed: ${err.message}\n`))
    .finally(() => (rolling = undefined));
});

const stop = () => {
  stopping = true;
  lb.close();
  for (const child of running.keys()) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 11_000).unref();
  Promise.all(running.values()).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
