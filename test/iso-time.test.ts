import { describe, expect, it } from 'vitest';
import { isoTime } from '../src/core/iso-time.js';

describe('message times (CH1)', () => {
  it("[CH1] [P1] isoTime writes what Date's toISOString writes, within a second, across seconds and years", () => {
    const times = [0, 1, 9, 10, 99, 100, 999, 1000, -1, -999, -1000, -1001, 1.5, 999.999, -0.5, -1000.5, -1.999, Date.now(), 8.64e15, -8.64e15, 253402300799999, 253402300800000];
    let at = Date.UTC(2026, 10, 22, 5, 0, 0);
    // A run of messages: many in the same second, now and then the next one.
    for (let i = 0; i < 5_000; i++) times.push((at += i % 7 === 0 ? 997 : i % 3));
    for (let i = 0; i < 5_000; i++) times.push(Math.floor((Math.sin(i) * 0.5 + 0.5) * 4e12) - 1e12);
    const wrong = times.filter((ms) => isoTime(ms) !== new Date(ms).toISOString());
    expect(wrong.map((ms) => [ms, isoTime(ms), new Date(ms).toISOString()])).toEqual([]);
    // Outside Date's range, the same error.
    for (const ms of [8.64e15 + 1, Number.NaN]) expect(() => isoTime(ms)).toThrow(RangeError);
  });
});
