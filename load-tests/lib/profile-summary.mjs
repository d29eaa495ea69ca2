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

/** A function as the summaries name it: `name package:line` (Peerline's own files by their path). */
const frameName = (c) => `${c.functionName || '(anonymous)'}${c.url ? ` ${packageOf(c.url)}:${c.lineNumber + 1}` : ''}`;

/** The V8 CPU profiles (.cpuprofile) in `dir`, parsed, by file name. */
const profilesIn = (dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8'))]);

/** One profile file → {busyMs, byPackage: [[name, share]], top: [[function, share]]}. */
export const summarize = (file) => summarizeProfile(JSON.parse(readFileSync(file, 'utf8')));

function summarizeProfile(prof) {
  const time = new Map();
  prof.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const byPackage = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const node of prof.nodes) {
    const t = time.get(node.id) ?? 0;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += t;
    const pkg = functionName === '(garbage collector)' ? '(garbage collector)' : url ? packageOf(url) : `(native: ${functionName})`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
    const fn = frameName(node.callFrame);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, v / busy]);
  return { busyMs: busy / 1000, byPackage: top(byPackage, 15), top: top(byFunction, 15) };
}

export function summarizeDir(dir) {
  const lines = [];
  for (const [file, prof] of profilesIn(dir)) {
    const s = summarizeProfile(prof);
    lines.push(`${file}: ${s.busyMs.toFixed(0)} ms busy`);
    lines.push('  by package:   ' + s.byPackage.map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(', '));
    lines.push('  by function:  ' + s.top.map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(', '));
  }
  return lines.join('\n');
}

/**
 * The profiles in `dir`, only their samples taken between `from` and `to` (µs of the monotonic clock,
 * as `process.hrtime` reads it, which is V8's profile clock on Linux) → busy µs, self µs by function,
 * and inclusive µs by Peerline's own functions (counted once per sample however deep the recursion).
 */
export function windowTimes(dir, from, to) {
  const self = new Map();
  const own = new Map();
  let busy = 0;
  for (const [, prof] of profilesIn(dir)) {
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    let at = prof.startTime;
    prof.samples.forEach((id, i) => {
      const dt = prof.timeDeltas[i] ?? 0;
      at += dt;
      const { callFrame } = byId.get(id);
      if (at < from || at > to || callFrame.functionName === '(idle)') return;
      busy += dt;
      const name = frameName(callFrame);
      self.set(name, (self.get(name) ?? 0) + dt);
      const seen = new Set();
      for (let x = id; x !== undefined; x = parent.get(x)) {
        const frame = byId.get(x).callFrame;
        if (!frame.url.includes('/dist/src/')) continue;
        const fn = frameName(frame);
        if (!seen.has(fn)) own.set(fn, (own.get(fn) ?? 0) + dt);
        seen.add(fn);
      }
    });
  }
  return { busy, self, own };
}
