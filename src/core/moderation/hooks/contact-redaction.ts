import type { HookPayload, HookResult, ModerationHook } from '../types.js';
import { detailSpans } from './contact-patterns.js';
import { contactView, sourceSpan, type ContactView } from './contact-view.js';
import { OTHER_WORD } from './number-words.js';
import { crisisLine, digitsOf, headOf, looksLikePhone, phoneSpans, tailOf } from './phone-numbers.js';

export const CONTACT_PLACEHOLDER = '[contact removed]';

type Span = [number, number];

const NUMBER_WORD = 'zero|one|two|three|four|five|six|seven|eight|nine';
/**
 * A text in which neither finds anything holds no contact detail: each alternative is a part that
 * no pattern can match without (an at sign, a digit, a letter beyond ASCII, a dot between letters,
 * a number word, a platform's or a mail service's name, "at"/"dot" bracketed, letters spaced out).
 * Most messages hold none of them, and are let through after two quick passes (SPEC P1, P6).
 */
/** The characters alone (one quick scan): an at sign, a digit, a slash, "#", anything not ASCII. */
const MAYBE_BY_CHARACTER = /[@\d/#\u0080-\u{10ffff}]/u;
const MAYBE_BY_WORD = new RegExp(
  [
    '[a-z]\\s?\\.\\s?[a-z]',
    `[([{<#'"]\\s?(?:at|@|dot|\\.)\\s?[)\\]}>#'"]`,
    `(?<![a-z])(?:${NUMBER_WORD})(?:${NUMBER_WORD}|(?![a-z]))|(?<![a-z])(?:${OTHER_WORD})(?![a-z])|[-_](?:at|dot)[-_]`,
    '\\b(?:dot|underscore|tt|disc|app|usernames?|handles?|snap\\w*|sc|insta\\w*|ig|tik ?tok|discord|telegram|tg|whats\\s?app|kik|twitter|fb|facebook|reddit|skype|wechat|viber|steam|psn|xbox|gamertag|threads|bluesky|bsky|twitch|youtube|yt|pinterest|tumblr|vsco|bereal|roblox|signal|linkedin|e-?mail|g?mail|user ?name|user|handle|id|tag|find|search|look|www|googlemail|hotmail|yahoo|outlook|icloud|proton\\w*|aol|gmx|yandex|fastmail|tutanota|zoho|riseup)\\b',
    '\\b[a-z0-9] [a-z0-9] [a-z0-9]\\b',
  ].join('|'),
  'i',
);
const maybeContact = (text: string) => MAYBE_BY_CHARACTER.test(text) || MAYBE_BY_WORD.test(text);

/** Where a message's contact details are, in the message's own characters, merged and in order. */
function spansIn(view: ContactView, extra: Span[] = []): Span[] {
  const found = [...detailSpans(view.text), ...phoneSpans(view.text), ...extra].map(([s, e]) => sourceSpan(view, s, e));
  found.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const span of found) {
    const last = merged.at(-1);
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

function replaceSpans(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s) + CONTACT_PLACEHOLDER;
    at = e;
  }
  return out + text.slice(at);
}

/** What redaction made of a message, and the digits it ends with (the start of a number split over messages). */
export interface Redaction {
  text: string;
  tail?: string;
}

/**
 * Replace contact details (emails, phone numbers, URLs, domains, social handles) with a placeholder,
 * however written: full-width or other-script digits, invisible characters, look-alike letters,
 * "at"/"dot" spelled out or bracketed, number words, spaced-out letters. `previousTail`: the digits
 * the sender's last message ended with; a message that completes a phone number with them loses
 * its part of it.
 */
export function redactMessage(text: string, previousTail?: string): Redaction {
  if (!maybeContact(text)) return { text };
  return redactView(contactView(text), previousTail);
}

/** redactContacts without the quick check: every pattern, always (what the quick check is held to). */
export const redactEveryPattern = (text: string): string => redactView(contactView(text)).text;

/** The stateless redaction (flag reasons, feedback): contact details in one text. */
export const redactContacts = (text: string): string => redactMessage(text).text;

function redactView(view: ContactView, previousTail?: string): Redaction {
  const extra: Span[] = [];
  const head = previousTail ? headOf(view.text) : undefined;
  let joined: string | undefined;
  if (head && previousTail) {
    joined = `${previousTail} ${head.text}`;
    // Two crisis lines one after the other ("text 85258" / "741741 also works") make no number.
    if (looksLikePhone(joined) && !crisisLine(digitsOf(previousTail)) && !crisisLine(digitsOf(head.text))) extra.push(head.span);
  }
  const spans = spansIn(view, extra);
  const text = spans.length ? replaceSpans(view.source, spans) : view.source;
  // A message that is nothing but more digits carries the number on ("555" / "123" / "4567").
  if (joined && !extra.length && head && /^[\s,.:-]*$/.test(view.text.slice(head.span[1])) && digitsOf(joined).length < 15) return { text, tail: joined };
  const tail = tailOf(view.text);
  if (!tail) return { text };
  const [from] = sourceSpan(view, tail.at, tail.at + 1);
  return spans.some(([, e]) => e > from) ? { text } : { text, tail: tail.digits };
}

export interface ContactRedactionOptions {
  /** How long the end of a sender's message is kept to join the start of their next one. @default 120000 */
  splitWindowMs: number;
}

/** The digits one side's last message ended with, and when it was sent. */
interface Tail {
  digits: string;
  at: number;
}

/**
 * MOD2: contact details never pass between strangers, in either direction, so no one is pushed
 * off-platform. The message is delivered with the details replaced and `redacted: true`.
 *
 * A number split over two messages of one sender ("my number is 555 123" then "4567") is caught
 * too: the digits a message ends with are kept per chat and side for `splitWindowMs`, in memory (a
 * few digits, never the message). They are kept where the sender's messages are moderated: the
 * node that holds the sender's connection, as flood control's counts are.
 */
export class ContactRedactionHook implements ModerationHook {
  readonly name = 'contact-redaction';
  readonly priority = 10;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver-and-flag' as const;
  readonly usesRecent = false;
  private readonly options: ContactRedactionOptions;
  /** Per chat (its id, no key built per message), the digits each side's last message ended with. */
  private readonly tails = new Map<string, Partial<Record<HookPayload['sender'], Tail>>>();
  private readonly timer: NodeJS.Timeout;

  constructor(options: Partial<ContactRedactionOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { splitWindowMs: 120_000, ...options };
    this.timer = setInterval(() => this.sweep(), this.options.splitWindowMs).unref();
  }

  check({ session, sender, text }: HookPayload): HookResult {
    const now = this.now();
    const sides = this.tails.get(session.id);
    const kept = sides?.[sender];
    const previous = kept && kept.at > now - this.options.splitWindowMs ? kept.digits : undefined;
    const { text: redacted, tail } = redactMessage(text, previous);
    if (tail) {
      if (sides) sides[sender] = { digits: tail, at: now };
      else this.tails.set(session.id, { [sender]: { digits: tail, at: now } });
    } else if (kept) this.forget(session.id, sender);
    return redacted === text ? { action: 'allow' } : { action: 'redact', text: redacted };
  }

  /** A message that was never stored does not start a number. */
  undelivered({ session, sender }: HookPayload): void {
    this.forget(session.id, sender);
  }

  private forget(sessionId: string, sender: HookPayload['sender']): void {
    const sides = this.tails.get(sessionId);
    if (!sides) return;
    delete sides[sender];
    if (!sides.seeker && !sides.specialist) this.tails.delete(sessionId);
  }

  destroy(): void {
    clearInterval(this.timer);
    this.tails.clear();
  }

  private sweep(): void {
    const since = this.now() - this.options.splitWindowMs;
    for (const [id, sides] of this.tails) if (!Object.values(sides).some((tail) => tail.at > since)) this.tails.delete(id);
  }
}
