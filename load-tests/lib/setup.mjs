// First use: install load-tests' own dependencies (artillery 2.0.21, ws, bufferutil; no browser
// download), and build Peerline when dist/ is missing or older than its sources. Node built-ins only:
// this runs before anything that needs those packages is imported.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOAD_TESTS, ROOT } from './paths.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

function install(dir, what) {
  const locked = existsSync(join(dir, 'package-lock.json'));
  process.stdout.write(`Installing ${what} (npm ${locked ? 'ci' : 'install'})...\n`);
  execFileSync(npm, [locked ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
}

export function ensureReady() {
  // A fresh clone: the server's own dependencies first (npm start would need them too).
  if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) install(ROOT, "Peerline's dependencies");
  const installed = join(LOAD_TESTS, 'node_modules', '.package-lock.json');
  if (mtime(installed) < Math.max(mtime(join(LOAD_TESTS, 'package.json')), mtime(join(LOAD_TESTS, 'package-lock.json')))) {
    install(LOAD_TESTS, 'the benchmark tools');
  }
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}
