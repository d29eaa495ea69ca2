// P5 (SPEC §7): `npm start` until the service is ready (/readyz answers 200), embedded backends (no
// DATABASE_URL, no REDIS_URL): cold with a new DATA_DIR, warm with the same one again. No baseline:
// the goals are absolute (< 5 s cold, < 2 s warm). Cold and warm starts alternate.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Seconds from spawning `npm start` to the first 200 from /readyz. */
async function startOnce(dataDir) {
  const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'BOOTSTRAP_ADMIN_USERNAME', 'BOOTSTRAP_ADMIN_PASSWORD']) delete env[name];
  const started = performance.now();
  // Its own process group, so the server npm started goes down with it.
  const child = spawn(npm, ['start', '--silent'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  try {
    let url;
    while (!url) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
      if (performance.now() - started > 60_000) throw new Error(`npm start did not listen in 60 s:\n${output}`);
      url = /Server listening at (http:\/\/[^"\s]+)/.exec(output)?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 5));
    }
    while (!(await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 5));
    const seconds = (performance.now() - started) / 1000;
    // A start that had to build first measures the build, not the start.
    return output.includes('Building Peerline') ? NaN : seconds;
  } finally {
    process.kill(-child.pid, 'SIGKILL');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
  }
}

export async function runStartup({ quick = false, log = console.log } = {}) {
  const runs = quick ? 2 : 3;
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerline-p5-'));
    try {
      cold.push(await startOnce(dataDir));
      warm.push(await startOnce(dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    log(`  run ${i + 1}/${runs}: cold ${cold.at(-1).toFixed(2)} s, warm ${warm.at(-1).toFixed(2)} s`);
  }
  return { cold: median(cold.filter(Number.isFinite)), warm: median(warm.filter(Number.isFinite)), runs, samples: { cold, warm } };
}
