export interface HeapSample {
  t: number;
  heapMB: number;
}
export function judgeHeap(samples: HeapSample[], warmupS: number, limit?: number): { meanMB: number; drift: number; swing: number; pass: boolean };
