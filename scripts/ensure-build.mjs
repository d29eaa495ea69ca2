// Builds dist/ when it is missing or older than any source file, so `npm start` works on a fresh
// clone and after edits (TypeScript, then the embedded-database template). `--stamp` only records
// that a build just finished.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (process.argv.includes('--stamp')) {
  writeFileSync(stamp, new Date().toISOString());
} else {
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'migrations')), statSync(join(root, 'tsconfig.build.json')).mtimeMs);
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
    process.stdout.write('Building Peerline (first start or sources changed)...\n');
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
      stdio: 'inherit',
    });
    execFileSync(process.execPath, [join(root, 'scripts', 'make-pglite-template.mjs')], { stdio: 'inherit' });
    writeFileSync(stamp, new Date().toISOString());
  }
}
