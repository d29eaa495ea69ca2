// Reads the V8 CPU profiles that `npm run bench -- --cpu-prof` makes Peerline write, and says where
// its time went: busy share by package (or Peerline's own file), and the busiest functions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageOf = (url) => {
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/dist/src/')) return `peerline ${url.split('/dist/src/')[1]}`;
  return url ? url.replace(/^node:/, 'node:').split('/').slice(-1)[0] : '(native)';
};

/** One profile → {busyMs, byPackage: [[name, share]], top: [[function, share]]}. */
export function summarize(file) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const time = new Map();
  prof.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const byPackage = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const node of prof.nodes) {
    const t = time.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += t;
    const pkg = functionName === '(garbage collector)' ? '(garbage collector)' : url ? packageOf(url) : `(native: ${functionName})`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
    const fn = `${functionName || '(anonymous)'} ${url ? `${packageOf(url)}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, v / busy]);
  return { busyMs: busy / 1000, byPackage: top(byPackage, 15), top: top(byFunction, 15) };
}

export function summarizeDir(dir) {
  const lines = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    const s = summarize(join(dir, file));
    lines.push(`${file}: ${s.busyMs.toFixed(0)} ms busy`);
    lines.push('  by package:   ' + s.byPackage.map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(', '));
    lines.push('  by function:  ' + s.top.map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(', '));
  }
  return lines.join('\n');
}
