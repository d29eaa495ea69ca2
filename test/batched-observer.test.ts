import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BatchedObserver } from '../src/transport/http/batched-observer.js';

describe('metrics observed off the message path (OPS2)', () => {
  it('[OPS2] observations reach the histogram, a few hundred at a time at most, and all of them by the scrape', async () => {
    const registry = new Registry();
    const histogram: Histogram<'hook'> = new Histogram({ name: 't_hook_seconds', help: 't', labelNames: ['hook'] as const, buckets: [0.001, 0.01], registers: [registry], collect: () => observer.flush() });
    const observer: BatchedObserver<'hook'> = new BatchedObserver(histogram);
    const fast = observer.slot({ hook: 'fast' });
    const slow = observer.slot({ hook: 'slow' });
    // How many prom-client observations each of ours set off, synchronously.
    const real = histogram.observe.bind(histogram);
    let handed = 0;
    histogram.observe = ((...args: Parameters<typeof real>) => {
      handed++;
      return real(...args);
    }) as typeof histogram.observe;
    let mostAtOnce = 0;
    for (let i = 0; i < 2_000; i++) {
      handed = 0;
      observer.observe(i % 2 ? slow : fast, i % 2 ? 0.005 : 0.0005);
      mostAtOnce = Math.max(mostAtOnce, handed);
    }
    expect(mostAtOnce).toBeGreaterThan(0);
    expect(mostAtOnce).toBeLessThanOrEqual(256);
    const text = await registry.metrics();
    expect(text).toContain('t_hook_seconds_count{hook="fast"} 1000');
    expect(text).toContain('t_hook_seconds_count{hook="slow"} 1000');
    expect(text).toContain('t_hook_seconds_bucket{le="0.001",hook="fast"} 1000');
    expect(text).toContain('t_hook_seconds_bucket{le="0.001",hook="slow"} 0');
  });
});
