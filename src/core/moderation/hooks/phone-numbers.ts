/**
 * Phone numbers in a contact view (digits of every script and number words already ASCII digits):
 * digits with phone-like separators, told apart from times, dates, prices, scores, years and the
 * crisis lines a seeker may be given.
 */

/** Digits with phone-like separators, optionally international; checked by looksLikePhone. */
export const PHONE = /(?<![\w+])(?:\+\s?)?\(?\d[\d\s()./,-]{5,40}\d(?!\d)/g;

const NOT_PHONE = [
  /^\d{4}-\d{2}-\d{2}$/, // ISO date
  /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/, // other dates
  /^\d{4}\s*[-/]\s*\d{4}$/, // a range of years
  /^\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}$/, // a range of times
  /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d{1,2})?$|^[1-9]\d{0,2} \d{3}(?:[.,]\d{1,2})?$/, // an amount with thousands separators
  /^(?:(?:19|20)\d{2}[\s,/-]*)+$/, // a list of years
  /^\d+[.,]\d{1,2}$/, // a decimal amount
];

/**
 * Crisis and emergency lines, as digits: a seeker and a specialist must be able to name them
 * (US 988, UK 116 123, Shout 85258, Crisis Text Line 741741, Lifeline Australia 13 11 14, Kids
 * Helpline 1800 55 1800, Childline 0800 1111, Tele MANAS 14416, emergency numbers).
 */
const CRISIS_LINES = new Set([
  '988', '911', '999', '112', '111', '000', '211', '116123', '116111', '116006', '85258', '741741', '686868', '131114', '1800551800',
  '08001111', '14416', '18002738255', '8002738255', '18006624357', '18664887386', '18006686868', '18334564566', '1300224636',
  '1300659467', '0800585858', '03001233393', '08457909090', '18005990019', '9152987821', '02227546669', '45645',
]);

/** Numbers counting up or down one by one: "1, 2, 3, 4, 5, 6, 7", "12 13 14 15 16 17". */
function counting(match: string): boolean {
  const numbers = match.split(/[\s,]+/).filter(Boolean).map(Number);
  if (numbers.length < 4 || numbers.some((n) => !Number.isInteger(n))) return false;
  const step = numbers[1]! - numbers[0]!;
  return Math.abs(step) === 1 && numbers.every((n, i) => i === 0 || n - numbers[i - 1]! === step);
}

/** Words that say a number is a phone number: then even "9 8 7 6 5 4 3 2 1 0" is one. */
const PHONE_CUE = /\b(?:call|text|txt|ring|phone|number|no|num|cell|mobile|mob|whats ?app|signal|digits|dial|reach)\b/i;

export const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Whether these digits (with or without a leading 0, 00 or 1) are a crisis or emergency line. */
export const crisisLine = (digits: string) => CRISIS_LINES.has(digits) || CRISIS_LINES.has(digits.replace(/^(?:00?|1)/, ''));

export function looksLikePhone(match: string, cued = false): boolean {
  const digits = digitsOf(match);
  if (digits.length < 7 || digits.length > 15) return false;
  const trimmed = match.trim().replace(/[,.]+$/, '');
  if (NOT_PHONE.some((re) => re.test(trimmed)) || (!cued && counting(trimmed))) return false;
  if (crisisLine(digits)) return false;
  // Plain numbers without separators shorter than 10 digits are more likely amounts or ids.
  if (/^\d+$/.test(trimmed) && digits.length < 10) return false;
  return true;
}

/**
 * The phone numbers in `text`, as [start, end) spans. A run too long for one number ("555 123 4567,
 * 555 987 6543") is tried again in the pieces its commas make.
 */
export function phoneSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const cued = PHONE_CUE.test(text);
  for (const m of text.matchAll(PHONE)) {
    if (looksLikePhone(m[0], cued)) {
      spans.push([m.index, m.index + m[0].length]);
      continue;
    }
    if (digitsOf(m[0]).length <= 15) continue;
    for (const piece of m[0].matchAll(/[^,]+/g)) {
      const lead = piece[0].length - piece[0].trimStart().length;
      if (looksLikePhone(piece[0], cued)) spans.push([m.index + piece.index + lead, m.index + piece.index + piece[0].trimEnd().length]);
    }
  }
  spans.push(...piecesSpans(text));
  return spans;
}

/** Digits, alone or in a group with phone separators. */
const GROUP = /(?<![\w+])\+?\d(?:[\d\s().-]*\d)?(?![\w])/g;
/** Words that may stand between the pieces of a number read out in parts: "07700 and then 900 and then 135". */
const FILLER = new Set(['and', 'then', 'is', 'the', 'rest', 'first', 'second', 'third', 'last', 'next', 'half', 'bit', 'part', 'after', 'that', 'followed', 'by', 'comes', 'put', 'a', 'in', 'front']);
const PIECES_CUE = /\b(?:half|rest|part|bit|then)\b/i;
const fillerOnly = (gap: string) => {
  const words = gap.toLowerCase().split(/[\s,.:;-]+/).filter(Boolean);
  return words.length <= 6 && words.every((w) => FILLER.has(w));
};
const YEAR = /^(?:19|20)\d{2}$/;

/**
 * A number given in pieces with words between ("the first bit is 0770 and the rest is 900123"):
 * pieces of three or more digits joined only by such words, together a phone number's length, in
 * a message that speaks of a number. Not the crisis lines, not a list of years.
 */
function piecesSpans(text: string): [number, number][] {
  if (!PHONE_CUE.test(text) && !PIECES_CUE.test(text)) return [];
  const spans: [number, number][] = [];
  let chain: RegExpExecArray[] = [];
  const close = () => {
    const digits = chain.map((g) => digitsOf(g[0]));
    const all = digits.join('');
    if (chain.length > 1 && all.length >= 9 && all.length <= 13 && !digits.some((d) => CRISIS_LINES.has(d)) && !digits.every((d) => YEAR.test(d))) {
      for (const g of chain) spans.push([g.index, g.index + g[0].length]);
    }
    chain = [];
  };
  for (const g of text.matchAll(GROUP)) {
    if (digitsOf(g[0]).length < 3) {
      close();
      continue;
    }
    const last = chain.at(-1);
    if (last && !fillerOnly(text.slice(last.index + last[0].length, g.index))) close();
    chain.push(g);
  }
  close();
  return spans;
}

/** A number's beginning at the end of a message: "my number is 555 12" (at least 3 digits). */
const TAIL = /(?<![\w+])(?:\+\s?)?\(?\d[\d\s().-]*$/;
/** A number's end at the start of a message: "34 567, thanks". */
const HEAD = /^[\s,.:-]*(\(?\d[\d\s().-]*\d|\d)(?![\w])/;

/** The digits a message ends with, if they could begin a phone number, and where they start. */
export function tailOf(text: string): { digits: string; at: number } | undefined {
  const m = TAIL.exec(text.replace(/[\s.,!?-]+$/, ''));
  if (!m) return undefined;
  const digits = digitsOf(m[0]);
  return digits.length >= 3 && digits.length < 15 ? { digits: m[0].trim(), at: m.index } : undefined;
}

/** The digits a message begins with, as a span of it and their text. */
export function headOf(text: string): { text: string; span: [number, number] } | undefined {
  const m = HEAD.exec(text);
  if (!m) return undefined;
  const start = m[0].length - m[1]!.length;
  return { text: m[1]!, span: [start, m[0].length] };
}
