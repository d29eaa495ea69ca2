import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';
import { NODE_FLAGS } from '../scripts/node-flags.mjs';

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
const YOUNG = `const v8 = require('node:v8'); const keep = [];
for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 4e5) keep.length = 0; }
const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
process.stdout.write(String(young.space_size / 2 ** 20));`;

describe('the V8 flags a Peerline node runs with (scripts/node-flags.mjs)', () => {
  it('[P4] are taken by this Node: the young generation grows past its default under load', () => {
    // Objects that stay alive for a while, as a burst's requests waiting on Redis do. A misspelt V8
    // flag stops node at start ("bad option"), and execFileSync throws.
    const youngMb = (flags: string[]) =>
      Number(execFileSync(process.execPath, [...flags, '-e', YOUNG], { encoding: 'utf8' }));
    expect(youngMb(NODE_FLAGS)).toBeGreaterThan(youngMb([]));
  });

  // Threads are counted in /proc, which only Linux has.
  it.skipIf(process.platform !== 'linux')('[P5] give V8 one background thread fewer than the cores (at least one), not Node\'s fixed 4', () => {
    const threads = (flags: string[]) =>
      Number(execFileSync(process.execPath, [...flags, '-e', "process.stdout.write(String(require('node:fs').readdirSync('/proc/self/task').length))"], { encoding: 'utf8' }));
    expect(threads(NODE_FLAGS) - threads([])).toBe(Math.max(1, availableParallelism() - 1) - 4);
  });

  it('[P4] [REL7] are in the image and the benchmarks, not set by npm start or from inside the code', () => {
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    const { start } = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts;
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1] ?? '[]') as string[];
    for (const flag of NODE_FLAGS) {
      expect(start.split(' ')).not.toContain(flag);
      expect(cmd).toContain(flag);
    }
    expect(read('src/server.ts')).not.toContain('setFlagsFromString');
    for (const file of ['scripts/cluster.mjs', 'load-tests/lib/peerline.mjs', 'load-tests/lib/baselines.mjs']) expect(read(file)).toContain('...NODE_FLAGS');
  });
});
