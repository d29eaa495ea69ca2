import type { HookPayload, HookResult, ModerationHook } from '../types.js';

export const CONTACT_PLACEHOLDER = '[contact removed]';

const TLDS = 'com|net|org|io|co|me|app|info|biz|dev|uk|us|de|fr|es|it|nl|ly|gg|tv|xyz|ru|in|au|ca|link|site|online|chat|live';
const PLATFORMS = 'snap(?:chat)?|insta(?:gram)?|ig|tiktok|discord|telegram|whatsapp|signal|kik|twitter|x|fb|facebook|skype|wechat|line';

const PATTERNS: RegExp[] = [
  /[a-z0-9._%+-]+\s*(?:@|\(at\)|\[at\])\s*[a-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[a-z0-9-]+)*\s*(?:\.|\(dot\)|\[dot\])\s*[a-z]{2,}/gi,
  /\b(?:https?:\/\/|www\.)\S+/gi,
  new RegExp(`\\b[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:${TLDS})\\b(?:\\/\\S*)?`, 'gi'),
  new RegExp(`\\b(?:${PLATFORMS})\\b\\s*(?::|-|=|\\bis\\b|\\bme\\b|\\bat\\b)\\s*@?[a-z0-9_.#]{2,}`, 'gi'),
  /(?<![\w@])@[a-z0-9_.]{3,30}\b/gi,
];

// Digits with phone-like separators, optionally international; checked further below.
const PHONE = /(?:\+|\b00)?\(?\d[\d\s().-]{5,}\d\b/g;
const NOT_PHONE = [/^\d{4}-\d{2}-\d{2}$/, /^\d{1,2}\.\d{1,2}\.\d{2,4}$/, /^\d+[.,]\d{1,2}$/];

function looksLikePhone(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  const trimmed = match.trim();
  if (NOT_PHONE.some((re) => re.test(trimmed))) return false;
  // Plain numbers without separators shorter than 10 digits are more likely amounts or ids.
  if (/^\d+$/.test(trimmed) && digits.length < 10) return false;
  return true;
}

/** Replace contact details (emails, phone numbers, URLs, domains, social handles) with a placeholder. */
export function redactContacts(text: string): string {
  let out = text;
  for (const re of PATTERNS) out = out.replace(re, CONTACT_PLACEHOLDER);
  out = out.replace(PHONE, (m) => (looksLikePhone(m) ? CONTACT_PLACEHOLDER : m));
  return out;
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

  check({ text }: HookPayload): HookResult {
    const redacted = redactContacts(text);
    return redacted === text ? { action: 'allow' } : { action: 'redact', text: redacted };
  }
}
