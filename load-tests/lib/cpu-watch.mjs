// Watches the CPU of processes by pid from /proc (user + system time), so a load generator that
// saturates its core can be caught: its measurements then say more about it than about the server.
import { readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // utime, stime
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in bytes (VmRSS). */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/**
 * Sample the CPU share of `pids` every `intervalMs` until stop(); stop() gives, per pid, the mean and
 * the peak share of one core over the whole window (1.0 = one core busy all the time).
 */
export function watchCpu(pids, intervalMs = 1000) {
  const started = performance.now();
  const first = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  const last = new Map(first);
  let lastAt = started;
  const peak = new Map(pids.map((pid) => [pid, 0]));
  const sample = () => {
    const now = performance.now();
    for (const pid of pids) {
      const cpu = cpuSeconds(pid);
      const share = (cpu - last.get(pid)) / ((now - lastAt) / 1000);
      if (Number.isFinite(share)) peak.set(pid, Math.max(peak.get(pid), share));
      last.set(pid, cpu);
    }
    lastAt = now;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - started) / 1000;
      return Object.fromEntries(pids.map((pid) => [pid, { mean: (last.get(pid) - first.get(pid)) / seconds, peak: peak.get(pid) }]));
    },
  };
}

/**
 * A generator is saturated when it kept ≥ 90 % of a core busy on average over the measured window.
 * (Not the peak of a half-second sample: Node's collector threads run beside the main one, so a
 * sample can pass 100 % without the generator falling behind.)
 */
export const SATURATED = 0.9;
