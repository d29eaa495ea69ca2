/**
 * Digits written as words, for the contact view: English ones anywhere (also with l33t letters,
 * "zer0", "f1ve"), and those of other languages a number is often read out in (Spanish,
 * Portuguese, German, French, Italian: folded, so without accents) only in a run of three or more,
 * where they cannot be ordinary words ("due", "dos", "null").
 */
const ENGLISH = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const OTHERS: Record<string, number> = {
  cero: 0, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
  um: 1, dois: 2, quatro: 4, sete: 7, oito: 8, nove: 9,
  null: 0, eins: 1, zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
  un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9,
  due: 2, tre: 3, cinque: 5, sei: 6, sette: 7, otto: 8,
};

/** l33t letters in a number word: "zer0", "f1ve", "thr33". */
const leet = (word: string) => word.replace(/o/g, '[o0]').replace(/e/g, '[e3]').replace(/i/g, '[i1]');
const unleet = (word: string) => word.toLowerCase().replace(/0/g, 'o').replace(/3/g, 'e').replace(/1/g, 'i');

/** An English number word, l33t or not (a pattern). */
export const ENGLISH_WORD = ENGLISH.map(leet).join('|');
/** A number word of another language (a pattern). */
export const OTHER_WORD = Object.keys(OTHERS).join('|');
const UNIT = `\\d+|${ENGLISH_WORD}|${OTHER_WORD}`;

/** English number words, alone or run together ("five", "fivefivefive", "five5five", "zer0"). */
export const ENGLISH_NUMBERS = new RegExp(`(?<![a-z0-9])\\d*(?:${ENGLISH_WORD})(?:${ENGLISH_WORD}|\\d)*(?![a-z0-9])`, 'gi');
/** A run of three or more digits or number words of any of the languages, between separators. */
export const NUMBER_RUN = new RegExp(`(?<![a-z0-9])(?:${UNIT})(?:[\\s,.-]+(?:${UNIT})){2,}(?![a-z0-9])`, 'gi');

const englishWord = new RegExp(ENGLISH_WORD, 'gi');
const anyWord = new RegExp(`${ENGLISH_WORD}|(?<![a-z])(?:${OTHER_WORD})(?![a-z])`, 'gi');

/** "fivefivefive" → "555". */
export const englishDigits = (m: string) => m.replace(englishWord, (w) => String(ENGLISH.indexOf(unleet(w))));
/** "seis uno dos" → "6 1 2". */
export const runDigits = (m: string) => m.replace(anyWord, (w) => String(OTHERS[w.toLowerCase()] ?? ENGLISH.indexOf(unleet(w))));
