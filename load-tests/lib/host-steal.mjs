// How much of the machine's CPU time the hypervisor gave to other guests (the `steal` column of
// /proc/stat) over a window: shown beside P1's pairs, so a reader can tell a run on a starved host
// (on this kind of virtual machine even the relay's own p50 can jump within a minute) from a run
// on a quiet one.
import { readFileSync } from 'node:fs';

/** The aggregate `cpu` line of /proc/stat: [user, nice, system, idle, iowait, irq, softirq, steal, ...]. */
function cpuTimes() {
  try {
    return readFileSync('/proc/stat', 'utf8').slice(0, 200).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return [];
  }
}

/** Start watching; stop() gives the stolen share of all CPU time since (0–1), NaN where /proc/stat has no steal. */
export function watchSteal() {
  const first = cpuTimes();
  return {
    stop() {
      const delta = cpuTimes().map((t, i) => t - (first[i] ?? NaN));
      const total = delta.slice(0, 8).reduce((a, b) => a + b, 0);
      return delta.length >= 8 && total > 0 ? delta[7] / total : NaN;
    },
  };
}
