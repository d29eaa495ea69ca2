/**
 * Emails, web addresses and social handles in a contact view (see contact-view.ts: spelled-out and
 * bracketed "at" and "dot" are already `@` and `.`, spaced-out letters joined). Each finder returns
 * [start, end) spans of the view's text. Every pattern is anchored on its left edge and bounded, so
 * a hostile 4,000-character message cannot make it backtrack quadratically.
 */
type Span = [number, number];

/** Top-level domains an address may end with. Country codes that are common English words (it, me, in, us, is, to, no, so...) only with a path after them. */
const TLDS = new Set(
  'com net org edu gov mil int io co app dev info biz xyz site online link live chat social page blog shop store art club space fun top icu world life today news email website tech cloud ai fm gl ws cc nu sh la tv ly gg ee me uk de fr es nl ru au ca br jp cn kr mx ar cl pe za ng ke gh pk bd lk np nz ie pl cz sk hu ro bg gr tr il ae sa eg ch se dk fi pt ph sg vn th tw hk ua kz'.split(' '),
);
/** Mail services whose name alone, after "at", makes an address ("sadboi2004 at gmail"). */
const PROVIDERS = 'gmail|googlemail|hotmail|yahoo|outlook|icloud|protonmail|proton|aol|gmx|yandex|fastmail|tutanota|zoho|riseup';
/** Those that are nothing but mail ("jordanx at gmail"; not "works at yahoo"). */
const MAIL_ONLY = /^(?:gmail|googlemail|hotmail|protonmail|icloud|gmx|fastmail|tutanota|riseup)$/i;
/** Help that may be named in a chat: crisis lines' sites are not contact details. */
const HELP_SITES = /^(?:www\.)?(?:findahelpline\.com|988lifeline\.org|samaritans\.org|crisistextline\.org|giveusashout\.org|childline\.org\.uk|lifeline\.org\.au|kidshelpline\.com\.au|beyondblue\.org\.au|kidshelpphone\.ca|thetrevorproject\.org|befrienders\.org|mind\.org\.uk|nhs\.uk|telemanas\.mohfw\.gov\.in)(?:\/\S*)?$/i;

/** Platforms whose name before a handle makes it one ("my snap is janedoe99"). */
const PLATFORMS = 'snap(?:chat)?|sc|insta(?:gram)?|ig|tik ?tok|tt|disc(?:ord)?|telegram|tg|whats ?app|kik|twitter|fb|facebook|reddit|skype|wechat|viber|steam|psn|xbox|gamertag|threads|bluesky|bsky|twitch|youtube|yt|pinterest|tumblr|vsco|bereal|roblox|signal';
/** Words that name a handle or address without naming a platform: what follows "is" is the handle. */
const NAMES = 'e-?mail|gmail|mail|user ?name|user|handle|id|tag';
const ACCOUNT = '(?:\\s+(?:channel|account|acc|name|username|user|handle|id|tag|page|profile))?';

/** Words that are never a handle: "add me on insta if you want", "my snap is private". */
const NOT_HANDLE = new Set(
  "is its it's im i'm i am me my you your u ur the a an and or but if so to too for of on in at with by about after before again instead whenever anytime asap first back more soon pls please plz lol haha ok okay then now later tonight today tomorrow sometime maybe also tho though anyway account acc page profile name username user handle id dm dms us him her them it that this there here was are be been not no yes yeah just only same private public gone deleted down dead mine what when where why how who which because bc cause cuz since".split(' '),
);

const HANDLE_CHARS = "[a-z0-9_][a-z0-9_.#:'-]{0,40}[a-z0-9_]|[a-z0-9_]";

/**
 * A word that looks like a handle by its form: letters with digits ("janedoe99"), underscores
 * ("moonlight_wolf"), dots between letters ("dani.xo", "b.e.l.l.a"), a Discord tag ("jd#1234"), a
 * capital inside ("DarkKnight"). Not "e.g", "ps5", "s23", "covid-19".
 */
export function handleLike(word: string): boolean {
  const w = word.replace(/^@/, '');
  if (w.length < 4) return false;
  if (/#\d{4}$/.test(w) || /_/.test(w) || /[a-z][A-Z]/.test(w)) return true;
  if (/^[a-z]{3,}\d+[a-z\d]*$/i.test(w) || /^[a-z]+\d+[a-z]{2,}\d*$/i.test(w)) return true;
  const parts = w.split('.');
  return parts.length > 1 && parts.every(Boolean) && (parts.some((p) => p.length >= 3) || parts.length >= 4);
}

const usable = (word: string) => word.length >= 2 && !NOT_HANDLE.has(word.toLowerCase());

/** Run `re` over `text`; where `accept` turns a match down, try again from the next character. */
function scan(re: RegExp, text: string, accept: (m: RegExpExecArray) => Span | Span[] | undefined, out: Span[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const found = accept(m);
    if (found) {
      if (typeof found[0] === 'number') out.push(found as Span);
      else out.push(...(found as Span[]));
    } else re.lastIndex = m.index + 1;
  }
}

const EMAIL = new RegExp(`(?<![\\w.%+'-])([a-z0-9_%+-]+(?:\\.[a-z0-9_%+-]+)*)(\\s?@\\s?|\\s+at\\s+)([a-z0-9-]+(?:\\.[a-z0-9-]+)*)(?![\\w-])`, 'gi');
const PROVIDER = new RegExp(`^(?:${PROVIDERS})$`, 'i');
/** Words before a bare "name at provider" that show it is an address: "its miller at gmail". */
const ADDRESS_CUE = /\b(?:its|it's|is|e-?mail|mail|address|reach|write|contact)\b/i;

function emails(text: string, out: Span[]): void {
  scan(EMAIL, text, (m) => {
    const [all, local, at, domain] = m as unknown as [string, string, string, string];
    const spelled = !at.includes('@');
    if (spelled && NOT_HANDLE.has(local.toLowerCase())) return undefined;
    const labels = domain.split('.');
    const tld = labels.at(-1)!.toLowerCase();
    let ok: boolean;
    if (labels.length > 1) ok = spelled ? TLDS.has(tld) : /^[a-z]{2,24}$/i.test(tld);
    // An at sign between a dotted name and a word: an address written backwards, or its domain left out.
    else if (at === '@' && local.includes('.')) ok = true;
    else ok = PROVIDER.test(domain) && (!spelled || MAIL_ONLY.test(domain) || handleLike(local) || ADDRESS_CUE.test(text.slice(0, m.index)));
    return ok ? [m.index, m.index + all.length] : undefined;
  }, out);
}

const SCHEME = /\b(?:https?|hxxps?|ftp):\/\/\S{1,2000}|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\S{0,2000}/gi;
const DOMAIN = /(?<![\w.@/-])[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,4}\.([a-z]{2,24})(?![\w-])(\/\S{0,2000})?/gi;

function addresses(text: string, out: Span[]): void {
  scan(SCHEME, text, (m) => (HELP_SITES.test(m[0].replace(/^\w+:\/\//, '')) ? undefined : [m.index, m.index + m[0].length]), out);
  scan(DOMAIN, text, (m) => {
    const tld = m[1]!.toLowerCase();
    if (!TLDS.has(tld) && !(tld.length === 2 && m[2])) return undefined;
    return HELP_SITES.test(m[0]) ? undefined : [m.index, m.index + m[0].length];
  }, out);
  // Reddit users: "u/anxietymonster99".
  scan(/(?<![\w/])\/?u\/[a-z0-9_-]{3,20}/gi, text, (m) => [m.index, m.index + m[0].length], out);
}

/** A platform or handle word, then ":" or "-", then the handle: "insta: jane_doe_99", "ig - b.e.l.l.a". */
const NAMED = new RegExp(`\\b(?:${PLATFORMS}|app|${NAMES})${ACCOUNT}\\s*(?::|=|->|\\s-)\\s*@?(${HANDLE_CHARS})`, 'gi');
/** "my snap is janedoe99", "psn is DarkKnight_Rio": "is" before a word that looks like a handle. */
const IS = new RegExp(`\\b(?:${PLATFORMS}|app)${ACCOUNT}\\s+(?:is|its|it's|im|i'm)(?:\\s+(?:just|like|still))?\\s+@?(${HANDLE_CHARS})`, 'gi');
/** "username is pixelwitch", "my @ is heyitsmarco": after a word for a handle, any word is one. */
const NAME_IS = new RegExp(`(?:\\b(?:${NAMES})|(?<!\\w)@)\\s+(?:is|its|it's)(?:\\s+(?:just|like|still))?\\s+@?(${HANDLE_CHARS})`, 'gi');
/** "add my sc itsmeamber", "hmu on ig its lucas.pt_", "snap me @ jasonnn.r", "kik me at brandon_k2". */
const ASKED = new RegExp(
  `\\b(?:(?:add|follow|hmu|hit me up|dm|msg|message|find|search|friend|sub|subscribe|ping|reach|text|call)\\s+(?:me\\s+)?(?:on\\s+|at\\s+|via\\s+)?(?:my\\s+)?(?:${PLATFORMS}|x)|(?:${PLATFORMS})\\s+me)${ACCOUNT}\\s*((?:is|its|it's|im|i'm|at|on)\\s+|:\\s*)?@?\\s?(${HANDLE_CHARS})`,
  'gi',
);
/** "find me as moonlitmaddie", "find me under the name bluebird_1999", "look me up, im skater.dan04". */
const FIND_ME = new RegExp(`\\b(?:find|search|look)\\s+(?:me\\s+)?(?:up[\\s,:]*(?:(?:im|i'm|as)\\s+)?|(?:as|under)\\s+(?:the\\s+name\\s+)?|for\\s+)@?(${HANDLE_CHARS})`, 'gi');
/** "search for jd_92" needs a word that looks like a handle; "find me as x" says it is one. */
const FOUND_AS = /\b(?:as|under|name|im|i'm)\s+@?\S+$/i;
/** A platform named as a way to be reached: then any handle-like word in the message is the handle. */
const PLATFORM_NAMED = new RegExp(`\\b(?:${PLATFORMS}|e-?mail|gmail|user ?names?|handles?)\\b`, 'i');
const WORDS = /(?<![\w@.#/-])[a-z0-9_][a-z0-9_.#-]*[a-z0-9_]/gi;
/** "fb is Maria Gonzalez Lopez": a name given for a profile. */
const PROFILE_NAME = /\b(?:fb|facebook|insta(?:gram)?|ig|tik ?tok|twitter|linkedin)\s+(?:is|:)\s+/gi;

const handleSpan = (m: RegExpExecArray, handle: string | undefined, anyWord: boolean): Span | undefined => {
  if (!handle || !(anyWord ? usable(handle) : handleLike(handle))) return undefined;
  return [m.index, m.index + m[0].length];
};

/** A word every pattern of namedHandles needs: a platform, a word for a handle, an at sign. */
const NAMES_A_HANDLE = new RegExp(`\\b(?:${PLATFORMS}|${NAMES}|x|app|linkedin|user ?names?|handles?)\\b|@`, 'i');

/** Handles given with a platform's name or a word for a handle. */
function namedHandles(text: string, out: Span[]): void {
  scan(NAMED, text, (m) => handleSpan(m, m[1], true), out);
  scan(IS, text, (m) => handleSpan(m, m[1], false), out);
  scan(NAME_IS, text, (m) => handleSpan(m, m[1], true), out);
  // After "add me on snap", a word that does not look like a handle counts when it is said to be
  // one ("its itsmeamber") or ends the sentence ("add my sc itsmeamber"): not "about" in "message
  // me on discord about it".
  scan(ASKED, text, (m) => handleSpan(m, m[2], Boolean(m[1]) || /^\s*(?:[.!?,;)]|$)/.test(text.slice(m.index + m[0].length))) ?? handleSpan(m, m[2], false), out);
  if (PLATFORM_NAMED.test(text)) scan(WORDS, text, (m) => (handleLike(m[0]) ? [m.index, m.index + m[0].length] : undefined), out);
  scan(PROFILE_NAME, text, (m) => {
    const name = /^[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}/.exec(text.slice(m.index + m[0].length));
    return name ? [m.index, m.index + m[0].length + name[0].length] : undefined;
  }, out);
}

function handles(text: string, out: Span[]): void {
  if (NAMES_A_HANDLE.test(text)) namedHandles(text, out);
  if (/\b(?:find|search|look)\b/i.test(text)) scan(FIND_ME, text, (m) => handleSpan(m, m[1], FOUND_AS.test(m[0])), out);
  if (text.includes('#')) scan(/(?<![\w#])[a-z0-9_.]{2,32}#\d{4}\b/gi, text, (m) => [m.index, m.index + m[0].length], out);
  if (text.includes('@')) scan(/(?<![\w@.])@[a-z0-9_][a-z0-9_.]{2,30}|(?<![\w@])@ ([a-z0-9_][a-z0-9_.]{2,30})/gi, text, (m) => (m[1] && !handleLike(m[1]) ? undefined : [m.index, m.index + m[0].length]), out);
}

const SPELLED_AT = new RegExp(`\\sat\\s(?=[^]*(?:\\.|\\b(?:${PROVIDERS})\\b))`, 'i');

/** The emails, web addresses and handles in a contact view's text. */
export function detailSpans(text: string): Span[] {
  const out: Span[] = [];
  // Each kind is looked for only if the text has what it cannot do without.
  if (text.includes('@') || SPELLED_AT.test(text)) emails(text, out);
  if (text.includes('.') || text.includes('/')) addresses(text, out);
  handles(text, out);
  return out;
}
