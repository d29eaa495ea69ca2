import { execFileSync } from 'node:child_process';

/** The boot test runs the built server, so make sure dist/ is current before any test starts. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
}
