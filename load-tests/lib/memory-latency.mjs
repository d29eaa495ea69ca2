// How long one read from main memory takes on this machine, as context for the absolute goals (P4's
// matches/s, P5's start-up): a chain of dependent reads, one per 64-byte line of a 64 MB array, in
// random order, so neither the caches nor the prefetchers can help. A healthy server answers in
// about 100 ns; a virtual machine whose host is short of memory bandwidth, or pages guest memory
// without huge pages, can take several times that, and every node process slows down with it.

const MB = 64;
const READS = 1_000_000;

/** Nanoseconds per dependent random read over 64 MB (blocks the thread while it reads). */
export function memoryLatencyNs() {
  const lines = MB * 16_384;
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  for (let i = lines - 1; i > 0; i--) {
    // Sattolo's shuffle: one cycle through every line.
    const j = Math.floor(Math.random() * i);
    const line = order[i];
    order[i] = order[j];
    order[j] = line;
  }
  const next = new Int32Array(lines * 16);
  for (let i = 0; i < lines; i++) next[order[i] * 16] = order[(i + 1) % lines] * 16;
  let at = order[0] * 16;
  for (let i = 0; i < READS / 10; i++) at = next[at];
  const started = performance.now();
  for (let i = 0; i < READS; i++) at = next[at];
  const ns = ((performance.now() - started) * 1e6) / READS;
  // `at` is used, so the chain cannot be optimised away.
  return at >= 0 ? ns : NaN;
}
