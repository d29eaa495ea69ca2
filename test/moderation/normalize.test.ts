import { describe, expect, it } from 'vitest';
import { normalize, normalizeByPatterns, normalizePlain } from '../../src/core/moderation/normalize.js';

/** A small seeded generator (mulberry32), so a failure names a text that fails again. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Texts built to reach every rule: short words and single letters (spelled-out runs), doubled
 * letters, every separator, apostrophes, punctuation, control characters; and, now and then, what
 * only the patterns handle (digits, `@ $ ! _ *`, curly quotes, letters beyond ASCII).
 */
function texts(seed: number, count: number): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const letters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
  const separators = [' ', ' ', ' ', '.', '-', '\n', '\t', '\r', '\v', '\f', '  ', '. ', ' - '];
  const others = [',', '?', '"', '(', ')', "'", "''", ':', ';', '/', '\u0000', '\u0001', '\u007f', '~', '#'];
  const patternsOnly = ['0', '1', '3', '@', '$', '!', '_', '*', '’', 'é', 'ß', '5', '7'];
  const word = () => {
    const length = next() < 0.45 ? 1 : 1 + Math.floor(next() * 5);
    let w = '';
    for (let i = 0; i < length; i++) w += next() < 0.2 && w ? w.at(-1)! : pick(letters);
    return w;
  };
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const plain = next() < 0.7;
    let text = next() < 0.2 ? pick(separators) : '';
    const words = 1 + Math.floor(next() * 12);
    for (let i = 0; i < words; i++) {
      text += word();
      const r = next();
      text += r < 0.65 ? pick(separators) : r < 0.9 || plain ? pick(others) : pick(patternsOnly);
    }
    out.push(text);
  }
  return out;
}

describe('normalisation for matching (MOD2)', () => {
  it('[MOD2] [P6] the quick way for plain ASCII gives what the patterns give, for every text', () => {
    const all = [...texts(1, 20_000), ...texts(20_261_122, 20_000)];
    const differing = all.filter((text) => normalize(text) !== normalizeByPatterns(text));
    expect(differing.slice(0, 5).map((text) => ({ text, quick: normalize(text), patterns: normalizeByPatterns(text) }))).toEqual([]);
    // The quick way answers most of them, and they reach its rules: spelled-out runs, doubled letters.
    const quick = all.filter((text) => normalizePlain(text) !== undefined);
    expect(quick.length).toBeGreaterThan(all.length / 2);
    expect(quick.some((t) => /\b[a-z] [a-z] [a-z]\b/i.test(t))).toBe(true);
    expect(quick.some((t) => /([a-z])\1/i.test(t))).toBe(true);
  });

  it('[MOD2] a text longer than a call takes arguments', () => {
    const long = 'ab '.repeat(60_000);
    expect(normalizePlain(long)).toBe(normalizeByPatterns(long));
  });

  it('[MOD2] spelled-out letters, repeats, case and punctuation', () => {
    expect(normalize('F U C K off')).toBe('fuck of');
    expect(normalize('f.u.c.k - you')).toBe('fuck you');
    expect(normalize('a b cd e f g')).toBe('a b cd efg');
    expect(normalize('Stuuuupid!!! idiot...')).toBe('stupid idiot');
    expect(normalize("  I'm   so   TIRED,   honestly  ")).toBe("i'm so tired honestly");
    expect(normalize('sh!t h3ll0')).toBe('shit helo');
  });
});
