import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStream } from '../src/backends/redis/stream-names.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { identityRoom } from '../src/transport/socket/identity.js';
import { decodeEnvelope, encodeEnvelope, messageEnvelopeHead } from '../src/protocol/node-envelope.js';
import { newSeeker, waitFor } from '../src/testing/chat-helpers.js';
import { backendKinds, startTestApp, type TestApp } from '../src/testing/test-app.js';

describe('the envelopes nodes exchange', () => {
  it('[REL6] every kind of this version reads back as written', () => {
    const entries = [
      encodeEnvelope('a', 'emit', { rooms: ['seeker:1'], event: 'queue:update', args: [{ position: 1 }] }),
      encodeEnvelope('a', 'join', { room: 'session:s', members: ['seeker:1', 'staff:2'] }),
      encodeEnvelope('a', 'leave', { room: 'session:s', members: ['staff:2'] }),
      encodeEnvelope('a', 'disconnect', { rooms: ['staff:2'] }),
      `${messageEnvelopeHead('a', 's')}${JSON.stringify({ id: 'm', seq: 3, text: 'hi "there"' })}}`,
    ];
    const decoded = entries.map(decodeEnvelope);
    expect(decoded.map((e) => ('kind' in e ? e.kind : e.skipped))).toEqual(['emit', 'join', 'leave', 'disconnect', 'message']);
    expect(decoded[4]).toMatchObject({ v: 1, node: 'a', sessionId: 's', message: { seq: 3, text: 'hi "there"' } });
  });

  it('[REL6] a field a later release adds within the version is ignored, not refused', () => {
    const later = JSON.stringify({ v: 1, node: 'b', kind: 'emit', rooms: ['r'], event: 'e', args: [], priority: 'high', trace: { id: 1 } });
    expect(decodeEnvelope(later)).toMatchObject({ kind: 'emit', rooms: ['r'] });
  });

  it('[REL6] an entry of an unknown version, not JSON, or malformed is skipped with its reason', () => {
    expect(decodeEnvelope(JSON.stringify({ v: 2, node: 'b', kind: 'emit' }))).toEqual({ skipped: 'unknown-version' });
    expect(decodeEnvelope('{"v":1,')).toEqual({ skipped: 'not-json' });
    expect(decodeEnvelope('null')).toEqual({ skipped: 'unknown-version' });
    expect(decodeEnvelope(JSON.stringify({ v: 1, node: 'b', kind: 'emit', rooms: [] }))).toEqual({ skipped: 'invalid' });
    expect(decodeEnvelope(JSON.stringify({ v: 1, node: 'b', kind: 'teleport' }))).toEqual({ skipped: 'invalid' });
  });
});

describe.skipIf(!backendKinds().includes('real'))('a node reading the stream between nodes (real Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('real');
  });
  afterAll(async () => t?.close());

  it('[REL6] [REL7] applies another node\'s envelope after skipping ones it cannot read, and counts them', async () => {
    const seeker = await newSeeker(t.app, t.url);
    const redis = t.app.backends.redis!;
    const key = nodeStream(redis.prefix);
    const [socket] = await t.app.io.local.fetchSockets();
    const room = identityRoom(socket!.data.identity);
    const arrived = waitFor<{ from: string }>(seeker.socket, 'queue:update', (p) => p.from === 'other node');
    await redis.client.xadd(key, '*', 'e', JSON.stringify({ v: 99, node: 'future', kind: 'emit', rooms: [room], event: 'queue:update', args: [{ from: 'future' }] }));
    await redis.client.xadd(key, '*', 'e', 'not json at all');
    await redis.client.xadd(key, '*', 'e', encodeEnvelope('other', 'emit', { rooms: [room], event: 'queue:update', args: [{ from: 'other node' }] }));
    expect(await arrived).toEqual({ from: 'other node' });
    const metrics = (await t.app.inject('/metrics')).body;
    expect(metrics).toMatch(/peerline_node_entries_skipped_total\{reason="unknown-version"\} 1/);
    expect(metrics).toMatch(/peerline_node_entries_skipped_total\{reason="not-json"\} 1/);
    seeker.socket.close();
  });
});

/** Every .ts file under src/. */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

describe('the code on its dependencies', () => {
  it('[REL7] reaches no private member of a dependency and patches no prototype or method', () => {
    const offending = sources(join(PROJECT_ROOT, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${file.slice(PROJECT_ROOT.length + 1)}:${i + 1}`, line }))
        .filter(({ line }) => /\b_packet\b|\bonRawMessage\b|\b_socket\b|\.apply\s*=[^=]|\.prototype\.\w+\s*=[^=]|getPrototypeOf\([^)]*\)\.\w+|setFlagsFromString|new Command\(/.test(line)),
    );
    expect(offending).toEqual([]);
  });

  it('[REL7] imports each dependency by its documented entry point, not by a path inside it', () => {
    const deep = sources(join(PROJECT_ROOT, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom '([^']+)'|\bimport\('([^']+)'\)/gm)]
        .map((m) => (m[1] ?? m[2])!)
        .filter((spec) => !spec.startsWith('.'))
        .filter((spec) => !spec.startsWith('node:') && !/^(@[\w.-]+\/)?[\w.-]+$/.test(spec))
        .map((spec) => `${file.slice(PROJECT_ROOT.length + 1)}: ${spec}`),
    );
    expect(deep).toEqual([]);
  });
});
