// `npm run cluster`: N Peerline nodes plus a load balancer on this machine, without Docker: the
// topology of docker-compose.yml. Needs DATABASE_URL and REDIS_URL (the nodes share them).
//   NODES (2), CLUSTER_PORT (3000; 0 = any free port), other variables are passed to every node.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoadBalancer } from './load-balancer.mjs';
import { NODE_FLAGS } from './node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodes = Number(process.env.NODES ?? 2);
if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  process.stderr.write('npm run cluster needs DATABASE_URL and REDIS_URL: the nodes share PostgreSQL and Redis.\n');
  process.exit(1);
}

const children = [];
const targets = await Promise.all(
  Array.from({ length: nodes }, (_, i) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...NODE_FLAGS, join(root, 'dist', 'src', 'server.js')], {
        env: { ...process.env, PORT: '0', TRUST_PROXY: 'true' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk.toString();
        const match = /Server listening at http:\/\/([\d.]+):(\d+)/.exec(out);
        if (match && !child.listening) {
          child.listening = true;
          process.stdout.write(`node ${i + 1} listening on ${match[1]}:${match[2]}\n`);
          resolve({ host: match[1], port: Number(match[2]) });
        }
        if (child.listening) process.stdout.write(chunk);
      });
      child.once('exit', (code) => reject(new Error(`node ${i + 1} exited with ${code}`)));
    }),
  ),
);
const lb = await startLoadBalancer(targets, Number(process.env.CLUSTER_PORT ?? 3000));
process.stdout.write(`Peerline cluster of ${nodes} nodes at http://127.0.0.1:${lb.address().port}\n`);

const stop = () => {
  lb.close();
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 11_000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
