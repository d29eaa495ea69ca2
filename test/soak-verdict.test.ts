import { describe, expect, it } from 'vitest';
import { judgeHeap } from '../load-tests/lib/heap-trend.mjs';

// REL5 itself is measured by the soak benchmark (`npm run soak`: one node, 10 minutes of realistic
// chats, heap sampled every 10 s), never by a timed test. This proves the verdict it prints.
const series = (heapAt: (i: number) => number, n = 60, everyS = 10) => Array.from({ length: n }, (_, i) => ({ t: i * everyS, heapMB: heapAt(i) }));

describe('soak verdict', () => {
  it('[REL5] passes a heap that is flat after warm-up, however it climbed during warm-up and however it spikes', () => {
    const flat = series((i) => (i < 30 ? 20 + i : 50) + (i % 7 === 0 ? 15 : 0));
    const verdict = judgeHeap(flat, 300);
    expect(verdict.pass).toBe(true);
    expect(Math.abs(verdict.drift)).toBeLessThanOrEqual(0.1);
    expect(verdict.swing).toBeGreaterThan(0.1);
  });

  it('[REL5] fails a heap that keeps growing, or shrinking, by more than 10 % after warm-up', () => {
    expect(judgeHeap(series((i) => 50 + i), 300)).toMatchObject({ pass: false });
    expect(judgeHeap(series((i) => 120 - i), 300)).toMatchObject({ pass: false });
  });

  it('[REL5] gives no verdict of flat without at least three samples after warm-up', () => {
    expect(judgeHeap(series(() => 50, 31), 300).pass).toBe(false);
  });
});
