import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dropPrefix, testPrefix } from './real-services.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export interface ClusterNode {
  url: string;
  process: ServerProcess;
}

export interface Cluster {
  nodes: ClusterNode[];
  env: Record<string, string>;
  /** Start one more node on the same Redis and database. */
  addNode(): Promise<ClusterNode>;
  /** Start a new process in place of node `index` once it has exited (a restart: it gets a new port). */
  replaceNode(index: number): Promise<ClusterNode>;
  close(): Promise<void>;
}

export const CLUSTER_ADMIN = { username: 'cluster-admin', password: 'cluster admin password' };

/**
 * Several real server processes on port 0 sharing one Redis (a key prefix of their own) and one
 * Postgres database made for this cluster, as behind a load balancer.
 */
export async function startCluster(size: number, databaseUrl: string, redisUrl: string, env: Record<string, string> = {}): Promise<Cluster> {
  const database = await createTestDatabase(databaseUrl);
  const prefix = testPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), 'peerline-cluster-'));
  const sharedEnv = {
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'info',
    BOOTSTRAP_ADMIN_USERNAME: CLUSTER_ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: CLUSTER_ADMIN.password,
    ...env,
  };
  const nodes: ClusterNode[] = [];
  const addNode = async () => {
    const process = startServerProcess(sharedEnv, dataDir);
    const node = { url: await process.listening, process };
    nodes.push(node);
    return node;
  };
  // Boot one first so migrations and the bootstrap admin are done once, then the rest together.
  await addNode();
  await Promise.all(Array.from({ length: size - 1 }, addNode));
  return {
    nodes,
    env: sharedEnv,
    addNode,
    async replaceNode(index) {
      const old = nodes[index];
      if (!old || (old.process.child.exitCode === null && old.process.child.signalCode === null)) throw new Error(`node ${index} is still running`);
      // In the list before it listens, so close() also ends a node that never came up.
      const node = { url: '', process: startServerProcess(sharedEnv, dataDir) };
      nodes[index] = node;
      node.url = await node.process.listening;
      return node;
    },
    async close() {
      for (const node of nodes) node.process.child.kill('SIGKILL');
      await Promise.all(nodes.map((n) => n.process.exited));
      await dropPrefix(redisUrl, prefix);
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
