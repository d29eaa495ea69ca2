// REL5's verdict on a soak: is the heap flat after warm-up? Single samples still spike now and then
// (a large young generation), so "flat" is judged on the trend: the median of the last third of
// the steady phase against the median of the first third, within ±10 %.

const medianMB = (xs) => [...xs].map((s) => s.heapMB).sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** samples: [{t: seconds, heapMB}] → {meanMB, drift, swing, pass}. */
export function judgeHeap(samples, warmupS, limit = 0.1) {
  const steady = samples.filter((s) => s.t >= warmupS);
  const meanMB = steady.reduce((a, s) => a + s.heapMB, 0) / Math.max(1, steady.length);
  const third = Math.max(1, Math.floor(steady.length / 3));
  const first = medianMB(steady.slice(0, third));
  const drift = first ? (medianMB(steady.slice(-third)) - first) / first : 0;
  const swing = steady.length ? Math.max(...steady.map((s) => Math.abs(s.heapMB - meanMB) / meanMB)) : 0;
  return { meanMB, drift, swing, pass: steady.length >= 3 && Math.abs(drift) <= limit };
}
