const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/**
 * Normalise text for matching: lower case, l33t digits and symbols to letters, runs of one letter
 * to one ("stuuupid" → "stupid"), letters spelled out with separators joined ("f.u.c.k" → "fuck"),
 * everything else to single spaces. Lists are normalised the same way, so they still match.
 */
export function normalize(text: string): string {
  // Several hooks normalise the same message, one after another: the last answer is kept.
  if (text === last.text) return last.normal;
  const normal = normalizeOnce(text);
  last.text = text;
  last.normal = normal;
  return normal;
}
const last = { text: '', normal: '' };

function normalizeOnce(text: string): string {
  let s = text.toLowerCase().replace(/[’‘]/g, "'");
  // Single letters joined by separators: "f u c k", "f.u.c.k", "f-u-c-k".
  s = s.replace(/\b(?:[a-z@$][\s.\-_*]){2,}[a-z@$]\b/g, (m) => m.replace(/[\s.\-_*]/g, ''));
  // Symbols count as letters only inside words ("sh!t", "h3ll0"), never "die!" or "I'm 25".
  s = s.replace(/[0-9@$](?=[a-z])|(?<=[a-z])[0-9@$]|!(?=[a-z])/g, (c) => LEET[c] ?? c);
  s = s.replace(/([a-z])\1+/g, '$1');
  return s.replace(/[^a-z']+/g, ' ').trim();
}

/**
 * A list of normalised phrases matched as whole words, padded once when the list is made: a message
 * is padded once and searched for each phrase, with no new strings per phrase (MOD2 runs on every
 * message, SPEC P6).
 */
export class PhraseList {
  private readonly padded: string[];

  constructor(phrases: readonly string[]) {
    this.padded = [...new Set(phrases.map(normalize).filter(Boolean))].map((p) => ` ${p} `);
  }

  /** The first phrase found in `normalText` (already normalised), padded, or undefined. */
  find(normalText: string): string | undefined {
    const text = ` ${normalText} `;
    return this.padded.find((p) => text.includes(p));
  }

  /** Whether any phrase occurs in `normalText` (already normalised). */
  in(normalText: string): boolean {
    return this.find(normalText) !== undefined;
  }
}
