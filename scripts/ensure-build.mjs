// Builds what is missing or older than its sources, so `npm start` works on a fresh clone and after
// edits: the server (TypeScript, then the embedded-database template) and the web client (Vite).
// Run as a script, or imported (`ensureBuild`, as scripts/start.mjs does). `--stamp` only records
// that a full build just finished.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = (...args) => execFileSync(process.execPath, args, { stdio: 'inherit', cwd: root });

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) if (entry !== 'dist' && entry !== 'node_modules') latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const targets = [
  {
    name: 'server',
    stamp: join(root, 'dist', '.build-stamp'),
    sources: ['src', 'migrations', 'tsconfig.build.json'],
    build() {
      node(join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'));
      node(join(root, 'scripts', 'make-pglite-template.mjs'));
    },
  },
  {
    name: 'web client',
    stamp: join(root, 'client', 'dist', '.build-stamp'),
    // The client imports the wire contract's types from src/protocol.
    sources: ['client', 'src/protocol'],
    build() {
      node(join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'client', 'vite.config.ts'), '--logLevel', 'warn');
    },
  },
];

const stampNow = (target) => {
  mkdirSync(dirname(target.stamp), { recursive: true });
  writeFileSync(target.stamp, new Date().toISOString());
};

/** Build each target that is missing or older than its sources; quiet when nothing is. */
export function ensureBuild() {
  for (const target of targets) {
    const changed = Math.max(...target.sources.map((s) => newest(join(root, s))));
    if (existsSync(target.stamp) && statSync(target.stamp).mtimeMs >= changed) continue;
    process.stdout.write(`Building the Peerline ${target.name} (first start or sources changed)...\n`);
    target.build();
    stampNow(target);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--stamp')) for (const target of targets) stampNow(target);
  else ensureBuild();
}
