import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readyz, rollingRestart } from '../scripts/rolling-restart.mjs';
import { PROJECT_ROOT } from '../src/paths.js';
import type { Message } from '../src/protocol/messages.js';
import { ok } from '../src/testing/chat-helpers.js';
import { CLUSTER_ADMIN, startCluster, type Cluster } from '../src/testing/cluster.js';
import { login } from '../src/testing/http-client.js';
import { keepWriting, liveChatsAcrossNodes, type LiveChat, type Writer } from '../src/testing/live-chats.js';
import { createTestDatabase, dropPrefix, serviceUrl, testPrefix } from '../src/testing/real-services.js';
import type { RoamingClient } from '../src/testing/roaming-client.js';

const SCRIPT = join(PROJECT_ROOT, 'scripts', 'rolling-restart.mjs');

/** Run a command to its end; resolves with its exit code and output. */
function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('scripts/rolling-restart.mjs, the operator\'s command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peerline-roll-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Each stop leaves a mark, so the ready command can tell a node that was restarted from one that was not.
  const roll = (ready: string, tag: string) =>
    run(process.execPath, [SCRIPT, '--stop', `echo "$NODE_NAME" >> ${tag}.stops && touch ${tag}-$NODE_NAME`, '--start', 'true', '--ready', ready, '--timeout', '1', 'a', 'b', 'c'], { cwd: dir });
  const stops = (tag: string) => (existsSync(join(dir, `${tag}.stops`)) ? readFileSync(join(dir, `${tag}.stops`), 'utf8').trim().split('\n') : []);

  it('[REL6] restarts every node in turn, saying so', async () => {
    const { code, stdout } = await roll('true', 'all');
    expect(code).toBe(0);
    expect(stops('all')).toEqual(['a', 'b', 'c']);
    expect(stdout).toMatch(/\[1\/3\] a: stopping[\s\S]*\[1\/3\] a: ready[\s\S]*\[3\/3\] c: ready[\s\S]*Rolling restart done: 3 nodes/);
  });

  it('[REL6] a node that does not come back ready stops the roll: exit 1, a plain message, no further node stopped', async () => {
    const { code, stderr } = await roll('test "$NODE_NAME" != b || test ! -e stuck-b', 'stuck');
    expect(code).toBe(1);
    expect(stderr).toContain('b did not come back ready within 1.0 s. Stopped rolling; not restarted: c.');
    expect(stops('stuck')).toEqual(['a', 'b']);
  });

  it('[REL6] never takes a node down while another is not ready', async () => {
    const { code, stderr } = await roll('test "$NODE_NAME" != c', 'down');
    expect(code).toBe(1);
    expect(stderr).toContain('c is not ready, so a was not stopped');
    expect(stops('down')).toEqual([]);
  });
});

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');

/** All writers done; a refusal fails the test where it is awaited, not as an unhandled rejection meanwhile. */
function settled(writers: Writer[]): Promise<unknown> {
  const all = Promise.all(writers.map((w) => w.done));
  all.catch(() => undefined);
  return all;
}

/** Every client in `chats`. */
const everyone = (chats: LiveChat[]): RoamingClient[] => chats.flatMap((c) => [c.seeker, c.specialist]);

/**
 * What a rolling restart must leave behind (REL6): every chat active for both sides, every
 * acknowledged message in both sides' history in seq order without gaps or repeats, no chat:ended,
 * every client connected again, and both sides still reaching each other.
 */
async function expectChatsIntact(chats: LiveChat[], acked: Map<string, Message[]>) {
  for (const { sessionId, seeker, specialist } of chats) {
    const histories = [];
    for (const client of [seeker, specialist]) {
      const resumed = await ok<{ session: { status: string }; messages: Message[] }>(client.current, 'chat:resume', { sessionId, afterSeq: 0 });
      expect(resumed.session.status).toBe('active');
      histories.push(resumed.messages.map((m) => [m.seq, m.text]));
    }
    const [seen, other] = histories as [(string | number)[][], (string | number)[][]];
    expect(other).toEqual(seen);
    // Each side heard every acknowledged message live or by resuming after the highest seq it had
    // (as the real client does): one delivered out of seq order before a drop would be missing.
    for (const client of [seeker, specialist]) {
      const heard = new Set(client.heard.filter((m) => m.sessionId === sessionId).map((m) => m.seq));
      expect(acked.get(sessionId)!.filter((m) => !heard.has(m.seq)).map((m) => m.seq)).toEqual([]);
    }
    expect(new Set(seen.map(([, text]) => text)).size).toBe(seen.length); // a re-sent message counted once (CH3)
    const mine = acked.get(sessionId)!;
    expect(mine.length).toBeGreaterThan(0);
    expect(seen).toEqual(expect.arrayContaining(mine.map((m) => [m.seq, m.text])));
  }
  for (const client of everyone(chats)) {
    expect(client.ended).toEqual([]);
    expect(client.resumeErrors).toEqual([]);
    expect(client.connected).toBe(true);
    // REL4: a node going down closes the transport, so clients reconnect; never a server disconnect.
    expect(client.disconnectReasons).not.toContain('io server disconnect');
  }
  for (const { sessionId, seeker, specialist } of chats) {
    for (const [from, to] of [[seeker, specialist], [specialist, seeker]] as const) {
      const who = from === seeker ? 'seeker' : 'specialist';
      const text = `still there? (the ${who} asks)`;
      await from.send(sessionId, `after-roll-${who}-${randomUUID()}`, text);
      await expect.poll(() => to.heard.some((m) => m.text === text), { timeout: 5_000 }).toBe(true);
    }
  }
}

describe.skipIf(!databaseUrl || !redisUrl)('[REL6] a rolling restart of three nodes under live chats', () => {
  let cluster: Cluster | undefined;
  const clients: RoamingClient[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await cluster?.close();
    cluster = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('[REL6] [CH2] [CH3] [CH4] every node restarted in turn: no acknowledged message lost, no chat ended, everyone back', async () => {
    // Twelve clients write all the time, from one test address.
    cluster = await startCluster(3, databaseUrl!, redisUrl!, { RATE_MESSAGES: '1000', RATE_SEEKER_TOKENS: '100' });
    const nodes = cluster.nodes;
    // What a load balancer with health checks does: send each (re)connection to a node that is up.
    const up = new Set([0, 1, 2]);
    let turn = 0;
    const pick = () => {
      const live = [...up];
      return nodes[live[turn++ % live.length]!]!.url;
    };
    const admin = await login(nodes[0]!.url, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const chats = await liveChatsAcrossNodes(nodes.map((n) => n.url), 6, admin, pick, 'roll');
    clients.push(...everyone(chats));

    let rolling = true;
    const writers = chats.flatMap((c, i) => [keepWriting(c.seeker, `seeker${i}`, () => rolling, 100, 3), keepWriting(c.specialist, `specialist${i}`, () => rolling, 100, 3)]);
    const written = settled(writers);
    await expect.poll(() => writers.every((w) => w.acked.length >= 3), { timeout: 10_000 }).toBe(true);

    const exits: (number | string)[] = [];
    const progress: string[] = [];
    const rolled = rollingRestart(
      nodes.map((n, index) => ({ name: `node ${index + 1}`, index, url: n.url })),
      {
        async stop({ index }) {
          up.delete(index);
          const { child, exited } = cluster!.nodes[index]!.process;
          child.kill('SIGTERM');
          exits.push(await exited);
        },
        async start(node) {
          return { ...node, url: (await cluster!.replaceNode(node.index)).url };
        },
        async ready(node) {
          const ready = await readyz(node.url);
          if (ready) up.add(node.index);
          return ready;
        },
        timeoutMs: 20_000,
        log: (line) => progress.push(line),
      },
    );
    await rolled.finally(() => (rolling = false));
    await written;

    expect(progress.filter((l) => / ready, /.test(l))).toHaveLength(3);
    expect(exits).toEqual([0, 0, 0]); // REL4: each stopped cleanly
    // Every client sat on a node that went down, so every one reconnected at least once.
    for (const client of everyone(chats)) expect(client.connections).toBeGreaterThan(1);
    const acked = new Map(chats.map((c, i) => [c.sessionId, [...writers[2 * i]!.acked, ...writers[2 * i + 1]!.acked]]));
    await expectChatsIntact(chats, acked);
  }, 60_000);

  it('[REL6] [OPS3] `npm run cluster` rolls its nodes on SIGHUP, behind its balancer, and a chat through it goes on', async () => {
    const db = await createTestDatabase(databaseUrl!);
    const prefix = testPrefix();
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'cluster.mjs')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODES: '2',
        CLUSTER_PORT: '0',
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl!,
        REDIS_KEY_PREFIX: prefix,
        LOG_LEVEL: 'info',
        BOOTSTRAP_ADMIN_USERNAME: CLUSTER_ADMIN.username,
        BOOTSTRAP_ADMIN_PASSWORD: CLUSTER_ADMIN.password,
        RATE_MESSAGES: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
      await dropPrefix(redisUrl!, prefix);
      await db.drop();
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    await expect.poll(() => out, { timeout: 30_000 }).toMatch(/Peerline cluster of 2 nodes at http:\/\/[\d.:]+/);
    const base = /Peerline cluster of 2 nodes at (http:\/\/[\d.:]+)/.exec(out)![1]!;

    // Every client of this test comes from one address: the balancer sends them all to one node.
    const admin = await login(base, CLUSTER_ADMIN.username, CLUSTER_ADMIN.password);
    const chats = await liveChatsAcrossNodes([base], 1, admin, () => base, 'sighup');
    clients.push(...everyone(chats));
    let rolling = true;
    const writers = everyone(chats).map((c, i) => keepWriting(c, i % 2 ? 'specialist' : 'seeker', () => rolling, 100, 3));
    const written = settled(writers);
    await expect.poll(() => writers.every((w) => w.acked.length >= 3), { timeout: 10_000 }).toBe(true);
    child.kill('SIGHUP');
    await expect.poll(() => out, { timeout: 40_000 }).toMatch(/Rolling restart (done|failed)/).finally(() => (rolling = false));
    await written;

    expect(out).toMatch(/\[1\/2\] node 1: ready[\s\S]*\[2\/2\] node 2: ready[\s\S]*Rolling restart done: 2 nodes/);
    for (const client of everyone(chats)) expect(client.connections).toBeGreaterThan(1);
    await expectChatsIntact(chats, new Map([[chats[0]!.sessionId, writers.flatMap((w) => w.acked)]]));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
