import { describe, expect, it } from 'vitest';
import { foldUnicode, foldWithOrigin, normalize } from '../../src/core/moderation/normalize.js';

/** Every code point of a Unicode property, found by asking the regular expression engine. */
function codePoints(property: RegExp): string[] {
  const out: string[] = [];
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (property.test(c)) out.push(c);
  }
  return out;
}

describe('the one Unicode fold every hook matches on (MOD2)', () => {
  it('[MOD2] every format character (the whole Cf category) and every default-ignorable is removed', () => {
    const invisible = codePoints(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/u);
    expect(invisible.length).toBeGreaterThan(300);
    const kept = invisible.filter((c) => foldUnicode(`a${c}b`) !== 'ab');
    expect(kept.map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
    // The ones people use to split a word or a number: zero-width, soft hyphen, bidi isolates, U+180E.
    expect(foldUnicode('5\u200b5\u00ad5\u2066-\u2069123\u180e4567\ufeff')).toBe('555-1234567');
  });

  it('[MOD2] a digit of every script is its ASCII digit (checked against Intl, which writes digits in each numbering system)', () => {
    const systems = Intl.supportedValuesOf('numberingSystem');
    let checked = 0;
    for (const numberingSystem of systems) {
      const format = new Intl.NumberFormat('en', { numberingSystem, useGrouping: false });
      for (let d = 0; d <= 9; d++) {
        const written = format.format(d);
        if (!/^\p{Nd}$/u.test(written)) continue;
        expect(foldUnicode(written), `${numberingSystem} ${d}`).toBe(String(d));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
    // Every decimal digit Unicode has folds to an ASCII digit.
    expect(codePoints(/\p{Nd}/u).filter((c) => !/^[0-9]$/.test(foldUnicode(c)))).toEqual([]);
  });

  it('[MOD2] full-width, styled and accented letters, and Cyrillic and Greek look-alikes, read as Latin letters', () => {
    expect(foldUnicode('ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ')).toBe('jane@gmail.com');
    expect(foldUnicode('𝐣𝐚𝐧𝐞 ⓙⓐⓝⓔ')).toBe('jane jane');
    expect(foldUnicode('fück naïve')).toBe('fuck naive');
    expect(foldUnicode('уоu аrе аn іdіоt')).toBe('you are an idiot');
    expect(foldUnicode('ΙDΙΟΤ')).toBe('IDIOT');
    expect(foldUnicode('I’m')).toBe("I'm");
    // Quotes stay quotes, and letters of other scripts that look like no Latin letter stay.
    expect(foldUnicode('“hi” 日本')).toBe('“hi” 日本');
  });

  it('[MOD2] [P6] ASCII text is the text itself; a fold says where each character came from', () => {
    const ascii = 'just plain text, 123';
    expect(foldUnicode(ascii)).toBe(ascii);
    expect(foldWithOrigin(ascii)).toEqual({ text: ascii });
    const folded = foldWithOrigin('a\u200bé𝟓b');
    expect(folded.text).toBe('ae5b');
    expect([...folded.origin!]).toEqual([0, 2, 3, 5]);
  });
});

describe('normalisation for matching (MOD2)', () => {
  it('[MOD2] spelled-out letters, repeats, case and punctuation', () => {
    expect(normalize('F U C K off')).toBe('fuck of');
    expect(normalize('f.u.c.k - you')).toBe('fuck you');
    expect(normalize('a b cd e f g')).toBe('a b cd efg');
    expect(normalize('Stuuuupid!!! idiot...')).toBe('stupid idiot');
    expect(normalize("  I'm   so   TIRED,   honestly  ")).toBe("i'm so tired honestly");
    expect(normalize('sh!t h3ll0')).toBe('shit helo');
  });

  it('[MOD2] goes through the Unicode fold: full-width, zero-width, soft hyphen and look-alikes', () => {
    expect(normalize('ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ')).toBe('you are an idiot');
    expect(normalize('id\u200biot id\u00adiot іdіоt')).toBe('idiot idiot idiot');
  });

  it('[MOD2] a text longer than a call takes arguments', () => {
    expect(normalize('ab '.repeat(60_000))).toBe(Array(60_000).fill('ab').join(' '));
  });
});
