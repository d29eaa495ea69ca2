import { ENGLISH_NUMBERS, ENGLISH_WORD, NUMBER_RUN, OTHER_WORD, englishDigits, runDigits } from './number-words.js';

/**
 * Ways of writing contact details past a filter, each undone in turn for the contact view (see
 * contact-view.ts). They come in groups, each with `when`: a part every step of the group needs,
 * found in one pass; most messages have none, and skip the group.
 */
type Step = [RegExp, (m: string) => string];

const LOOK_ALIKE_DIGITS: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', Z: '2', z: '2', S: '5', E: '3' };
/** Platforms whose names are written past a filter ("sn@p", "1nsta", "d!sc0rd", "s.n.a.p"). */
const PLATFORM_NAME = /^(?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|telegram|whatsapp|kik|twitter|facebook|signal|skype|reddit)$/;
const unleetName = (m: string) => m.toLowerCase().replace(/\./g, '').replace(/[@4]/g, 'a').replace(/[1!|]/g, 'i').replace(/0/g, 'o').replace(/3/g, 'e').replace(/[$5]/g, 's');

/** "at" and "dot" spelled out, bracketed or joined; dots of other scripts. */
const PUNCTUATION: Step[] = [
  // "(at)", "[at]", "{at}", "<at>", "#at#", "'at'", "[@]", and the same for "dot" and ".".
  [/\s?[([{<#'"]\s?(?:at|@)\s?[)\]}>#'"]\s?/gi, () => '@'],
  [/\s?[([{<#'"]\s?(?:dot|\.)\s?[)\]}>#'"]\s?/gi, () => '.'],
  // "owen-at-icloud-dot-com".
  [/(?<=[a-z0-9])[-_]at[-_](?=[a-z0-9])/gi, () => '@'],
  [/(?<=[a-z0-9])[-_]dot[-_](?=[a-z0-9])/gi, () => '.'],
  // "jenny dot morris", "anna - dot - com", "www . site . org": a dot spelled out or spaced, between words.
  [/(?<=[a-z0-9])\s+(?:-\s+)?(?:dot|\.)(?:\s+-)?\s+(?=[a-z0-9])/gi, () => '.'],
  [/(?<=[a-z0-9])\s+(?:-\s+)?at(?:\s+-)?\s+(?=[a-z0-9])/gi, () => ' at '],
  // Dots of other scripts between words: "nataliephoto·com", "noah-s。com".
  [/(?<=[a-z0-9])[·・。｡•∙⋅‧․](?=[a-z0-9])/gi, () => '.'],
  // A top-level domain in l33t: "gmail.c0m".
  [/(?<=[a-z0-9]\.)(?:c0m|0rg|n3t|c0)(?![a-z0-9])/gi, (m) => m.replace(/0/g, 'o').replace(/3/g, 'e')],
  [/(?<=[a-z0-9])\s+underscore\b\s*/gi, () => '_'],
  [/(?<=[a-z0-9])\s+slash\s+(?=[a-z0-9])/gi, () => '/'],
];

/** A platform's name in l33t or dotted, before a colon: "sn@p:", "1nsta:", "d!sc0rd:", "s.n.a.p:". */
const PLATFORM_NAMES: Step[] = [[/(?<![\w@.])[a-z0-9@!$|.]{3,16}(?=\s*[:=])/gi, (m) => (/[^a-z]/i.test(m) && PLATFORM_NAME.test(unleetName(m)) ? unleetName(m) : m)]];

/** Digits as words, and letters standing for digits. */
const NUMBERS: Step[] = [
  [ENGLISH_NUMBERS, englishDigits],
  [NUMBER_RUN, runDigits],
  // "oh" and "o" for zero, next to other digits; "double oh", "nine hundred", "plus four four".
  [/(?<=\d[\s,.-]{0,3})\b(?:oh|o)\b|\b(?:oh|o)\b(?=[\s,.-]{0,3}\d)/gi, () => '0'],
  [/\b(double|triple)[\s-]+(\d)/gi, (m) => m.slice(-1).repeat(/^double/i.test(m) ? 2 : 3)],
  [/(?<=\d)\s+hundred\b/gi, () => '00'],
  [/\bplus\s+(?=\d)/gi, () => '+'],
  // Letters that look like digits inside a run of digits: "555 l23 4567", "o7700 9oo", "01S1".
  [/\b[\dOoIlZzS]*(?:\d[OoIlZzS]|[OoIlZzS]\d)[\dOoIlZzS]*\b/g, (m) => m.replace(/[OoIlZzS]/g, (c) => LOOK_ALIKE_DIGITS[c]!)],
  // ... and standing alone between them: "0 7 7 0 0 9 0 0 l 2 3", "9 0 O l 2 E".
  [/(?<![\w])\d[\dOoIlZSE]*(?:[\s,.-]+[\dOoIlZSE]+){3,}(?<=\d)(?![\w])/g, (m) => ((m.match(/\d/g)?.length ?? 0) >= 5 ? m.replace(/[OoIlZSE]/g, (c) => LOOK_ALIKE_DIGITS[c]!) : m)],
];

/** Letters spaced out: "m e g a n 2 2", "s n a p", "c a s s i e . l" (runs with a letter only). */
const SPACED: Step[] = [[/(?<![a-z0-9_'])(?:[a-z0-9_](?: | ?\. ?)){2,}[a-z0-9_](?![a-z0-9_])/gi, (m) => (/[a-z]/i.test(m) ? m.replace(/ /g, '') : m)]];

export const RESPELLINGS: { when: RegExp; steps: Step[] }[] = [
  { when: /[([{<#'"]\s?(?:at|@|dot|\.)\s?[)\]}>#'"]|\s(?:-\s+)?(?:dot|\.)\s|-\s+at\s|[-_](?:at|dot)[-_]|\s(?:underscore|slash)\b|[·・。｡•∙⋅‧․]|\.(?:c0m|0rg|n3t|c0)/i, steps: PUNCTUATION },
  { when: /[@!$|0-9.][a-z0-9@!$|.]*\s*[:=]/i, steps: PLATFORM_NAMES },
  {
    when: new RegExp(
      `\\b(?:${ENGLISH_WORD}|${OTHER_WORD})|[OoIlZzS]\\d|\\d[OoIlZzS]|\\d[\\s,.-]+[OoIlZSE][\\s,.-]|\\b(?:oh|o)\\b[\\s,.-]{0,3}\\d|\\bplus\\s+\\d`,
      'i',
    ),
    steps: NUMBERS,
  },
  { when: /(?<![a-z0-9_'])[a-z0-9_](?: | ?\. ?)[a-z0-9_](?: | ?\. ?)[a-z0-9_](?![a-z0-9_])/i, steps: SPACED },
];
