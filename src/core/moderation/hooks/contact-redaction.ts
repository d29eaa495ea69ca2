import type { HookPayload, HookResult, ModerationHook } from '../types.js';

export const CONTACT_PLACEHOLDER = '[contact removed]';

// Country codes that are also common English words (it, me, in, us, is, to, no...) are left out on purpose.
const TLDS = 'com|net|org|io|co|app|info|biz|dev|uk|de|fr|es|nl|ly|gg|tv|xyz|ru|au|ca|link|site|online|chat|live';
const PLATFORMS = 'snap(?:chat)?|insta(?:gram)?|ig|tiktok|discord|telegram|whatsapp|signal|kik|twitter|fb|facebook|skype|wechat';

// Every pattern is anchored on its left edge and bounded, so a hostile 4,000-character message
// cannot make it backtrack quadratically.
const PATTERNS: RegExp[] = [
  /(?<![\w.%+-])[\w.%+-]{1,64} ?(?:@|\(at\)|\[at\]) ?[a-z0-9-]{1,63}(?: ?(?:\.|\(dot\)|\[dot\]) ?[a-z0-9-]{1,63}){1,4}/gi,
  /\b(?:https?:\/\/|www\.)\S{1,2000}/gi,
  new RegExp(`(?<![\\w.-])[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9-]{1,63}){0,4}\\.(?:${TLDS})\\b(?:\\/\\S{0,2000})?`, 'gi'),
  new RegExp(`\\b(?:${PLATFORMS})\\b\\s{0,3}(?::|=|-)\\s{0,3}@?[a-z0-9_.#]{3,40}`, 'gi'),
  new RegExp(`\\b(?:${PLATFORMS})\\b\\s{1,3}(?:(?:is|me|at)\\s{1,3})?@[a-z0-9_.]{2,40}`, 'gi'),
  /(?<![\w#])[a-z0-9_.]{2,32}#\d{4}\b/gi,
  /(?<![\w@])@[a-z0-9_.]{3,30}\b/gi,
];

// Digits with phone-like separators, optionally international; checked further below.
const PHONE = /(?<![\d+])(?:\+|\b00)?\(?\d[\d\s().-]{5,20}\d(?!\d)/g;
const NOT_PHONE = [
  /^\d{4}-\d{2}-\d{2}$/, // ISO date
  /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/, // other dates
  /^\d{4}\s*-\s*\d{4}$/, // a range of years
  /^\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}$/, // a range of times
  /^\d{1,3}(?:[\s,]\d{3})+(?:[.,]\d{1,2})?$/, // an amount with thousands separators
  /^(?:(?:19|20)\d{2}[\s,-]*)+$/, // a list of years
  /^\d+[.,]\d{1,2}$/, // a decimal amount
];

function looksLikePhone(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  const trimmed = match.trim();
  if (NOT_PHONE.some((re) => re.test(trimmed))) return false;
  // Plain numbers without separators shorter than 10 digits are more likely amounts or ids.
  if (/^\d+$/.test(trimmed) && digits.length < 10) return false;
  return true;
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** Printable ASCII only: NFKC leaves it as it is and it holds no invisible character. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * A text in which this finds nothing holds no contact detail: each alternative is a part that one
 * of PATTERNS or PHONE cannot match without (an at sign, a scheme or `www.`, a dot and a TLD, a
 * platform's name, `#` and four digits, seven digits with separators). Most messages hold none of
 * them, and are then let through after one pass instead of eight (SPEC P1, P6).
 */
const MAYBE_CONTACT = new RegExp(`@|\\((?:at|dot)\\)|\\[(?:at|dot)\\]|https?:\\/\\/|www\\.|\\.(?:${TLDS})\\b|\\b(?:${PLATFORMS})\\b|#\\d{4}|\\d[\\d\\s().-]{5,20}\\d`, 'i');

/**
 * Replace contact details (emails, phone numbers, URLs, domains, social handles) with a placeholder.
 * Full-width digits and invisible characters used to sneak details past are normalised first.
 */
export function redactContacts(text: string): string {
  const plain = PLAIN_ASCII.test(text) ? text : toPlain(text);
  return MAYBE_CONTACT.test(plain) ? redactPlain(text, plain) : text;
}

/** redactContacts without the quick check: every pattern, always (what the quick check is held to). */
export const redactEveryPattern = (text: string): string => redactPlain(text, toPlain(text));

const toPlain = (text: string) => text.normalize('NFKC').replace(INVISIBLE, '');

function redactPlain(text: string, plain: string): string {
  let out = plain;
  for (const re of PATTERNS) out = out.replace(re, CONTACT_PLACEHOLDER);
  out = out.replace(PHONE, (m) => (looksLikePhone(m) ? CONTACT_PLACEHOLDER : m));
  return out === plain ? text : out;
}

/**
 * MOD2: contact details never pass between strangers, in either direction, so no one is pushed
 * off-platform. The message is delivered with the details replaced and `redacted: true`.
 */
export class ContactRedactionHook implements ModerationHook {
  readonly name = 'contact-redaction';
  readonly priority = 10;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver-and-flag' as const;
  readonly usesRecent = false;

  check({ text }: HookPayload): HookResult {
    const redacted = redactContacts(text);
    return redacted === text ? { action: 'allow' } : { action: 'redact', text: redacted };
  }
}
