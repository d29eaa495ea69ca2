import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER_ADMIN, type ClusterNode } from './cluster.js';
import { dropPrefix, testPrefix } from './real-services.js';
import { startServerProcess } from './server-process.js';

export interface EmbeddedNodes {
  nodes: ClusterNode[];
  close(): Promise<void>;
}

/**
 * Real server processes sharing one Redis (under a key prefix of their own) but no Postgres: each
 * runs the embedded database in a data directory of its own, so this needs nothing but a Redis.
 * Staff accounts exist only in the database of the node that made them; each node bootstraps its
 * own CLUSTER_ADMIN. Seeker tokens, queues, chats and live history are in Redis, shared by all.
 */
export async function startEmbeddedNodes(count: number, redisUrl: string, env: Record<string, string> = {}): Promise<EmbeddedNodes> {
  const prefix = testPrefix();
  const dirs: string[] = [];
  const nodes: ClusterNode[] = [];
  const close = async () => {
    for (const node of nodes) node.process.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.process.exited));
    await dropPrefix(redisUrl, prefix);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  const start = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerline-embedded-'));
    dirs.push(dataDir);
    const process = startServerProcess(
      {
        PORT: '0',
        DATA_DIR: dataDir,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        LOG_LEVEL: 'info',
        BOOTSTRAP_ADMIN_USERNAME: CLUSTER_ADMIN.username,
        BOOTSTRAP_ADMIN_PASSWORD: CLUSTER_ADMIN.password,
        ...env,
      },
      dataDir,
    );
    const node = { url: '', process };
    nodes.push(node);
    node.url = await process.listening;
    return node;
  };
  try {
    await Promise.all(Array.from({ length: count }, start));
  } catch (err) {
    await close();
    throw err;
  }
  return { nodes, close };
}
