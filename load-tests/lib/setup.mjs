// First use: install Peerline's dependencies, and load-tests' own (artillery 2.0.21, no browser
// download) for the scripts that run artillery, and build Peerline when dist/ is missing or older
// than its sources. The benchmarks themselves need only the root's packages (ws, socket.io, ioredis,
// pg), so `npm run bench` never waits for artillery's ~1,000 packages. Node built-ins only: this runs
// before anything that needs those packages is imported.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOAD_TESTS, ROOT } from './paths.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

function install(dir, what) {
  const locked = existsSync(join(dir, 'package-lock.json'));
  process.stdout.write(`Installing ${what} (npm ${locked ? 'ci' : 'install'})...\n`);
  execFileSync(npm, [locked ? 'ci' : 'install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
}

/** `artillery`: also load-tests' own packages (night.mjs). */
export function ensureReady({ artillery = false } = {}) {
  // A fresh clone: the server's own dependencies first (npm start would need them too).
  if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) install(ROOT, "Peerline's dependencies");
  const installed = join(LOAD_TESTS, 'node_modules', '.package-lock.json');
  if (artillery && mtime(installed) < Math.max(mtime(join(LOAD_TESTS, 'package.json')), mtime(join(LOAD_TESTS, 'package-lock.json')))) {
    install(LOAD_TESTS, 'the benchmark tools');
  }
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}
