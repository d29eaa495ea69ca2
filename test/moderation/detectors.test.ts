import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AbuseBlocklistHook } from '../../src/core/moderation/hooks/abuse-blocklist.js';
import { CONTACT_PLACEHOLDER, redactContacts, redactEveryPattern } from '../../src/core/moderation/hooks/contact-redaction.js';
import { loadLexicons } from '../../src/core/moderation/lexicons.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const lexicons = loadLexicons(PROJECT_ROOT);

/** Precision and recall of a detector over a labelled table; printed so the numbers are on record. */
function score(name: string, table: [string, boolean][], detect: (text: string) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const [text, expected] of table) {
    const got = detect(text);
    if (got && expected) tp++;
    else if (got && !expected) fp++;
    else if (!got && expected) fn++;
    if (got !== expected) wrong.push(`${expected ? 'missed' : 'false alarm'}: ${text}`);
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  console.log(`${name}: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} over ${table.length} cases`);
  return { precision, recall, wrong };
}

const CONTACTS: [string, boolean][] = [
  ['email me at jane.doe@example.com', true],
  ['my mail is jane (at) example (dot) com', true],
  ['call me on 555-123-4567', true],
  ['text +44 7700 900123 anytime', true],
  ['my number is (212) 555 0199', true],
  ['ring 0049 30 1234567', true],
  ['see https://example.org/help', true],
  ['go to www.mysite.net', true],
  ['find me at janedoe.com', true],
  ['add me on snap: jane_d', true],
  ['insta is @jane.doe', true],
  ['my discord is jane#1234', true],
  ['dm me @sunny_days99', true],
  ['whatsapp me at 07700900123', true],
  ['the meeting is at 10:30 tomorrow', false],
  ['it happened on 2024-01-15', false],
  ['my rent went up to $1,200.50 a month', false],
  ['I walked 12000 steps today', false],
  ['I have 3 kids and 2 dogs', false],
  ['we moved here in 1999, then again in 2005', false],
  ['it was 15.01.2024 when it started', false],
  ['I feel like 50% of the time I am tired', false],
  ['e.g. when I wake up at 4am', false],
  ['I use instagram too much', false],
  ['my grades were 3.5 last term', false],
  ['page 245 of the book helped', false],
  ['that was back in 2019-2020', false],
  ['born 12-03-2004', false],
  ['from 10.30 - 11.45 I was in class', false],
  ['it cost 12 345.67 in the end', false],
  ['in 1998 1999 2000 I lived there', false],
  ['Instagram is making me feel worse', false],
  ['The signal is bad here', false],
  ['my line is busy all day', false],
  ['I was so tired.it was a long day', false],
  ['call 5​5​5 123 4567', true],
  ['text me ５５５-１２３-４５６７', true],
  // The kinds issue 25 found passing (SPEC MOD2): spelled-out and bracketed addresses, other
  // scripts' digits, invisible separators, platform names before a bare handle, look-alike digits.
  ['jane.doe at gmail dot com', true],
  ['see example[.]com', true],
  ['my number is five five five one two three four five six seven', true],
  ['its 555 one two three 4567', true],
  ['رقمي ٥٥٥١٢٣٤٥٦٧', true],
  ['मेरा नंबर ९८७६५४३२१० है', true],
  ['call 555\u2066-\u2069867-5309', true],
  ['its 98765\u180e43210', true],
  ['my snap is janedoe99', true],
  ['insta jane_doe_99', true],
  ['add me on discord: moonlight_wolf', true],
  ['find me as moonlitmaddie everywhere', true],
  ['find me on reddit u/anxietymonster99', true],
  ['555 l23 4567', true],
  ['t0m.h0lland99@gmail.c0m', true],
  ['sn@p: tommy_g', true],
  // Times, dates, prices, doses, scores, counts and crisis lines stay.
  ['can we talk again tmrw at 3:30?', false],
  ['meds at 7am and 7pm, 50 mg and going to 75', false],
  ['we lost 3-1 and i got 7/10 on the quiz', false],
  ['i called 988 last night, then 116 123', false],
  ['text 85258 if ur in the uk', false],
  ['kids helpline 1800 55 1800 saved me', false],
  ['should i just call 911 or 999 or 112', false],
  ['counting sheep, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10', false],
  ['oh snap i forgot my appointment', false],
  ['i deleted insta for my mental health', false],
  ['me @ work lol', false],
];

const ABUSE: [string, boolean][] = [
  ['fuck you', true],
  ['f u c k you', true],
  ['fuuuuck you', true],
  ['f.u.c.k off', true],
  ['you are an idiot', true],
  ['I feel like such an idiot today', false],
  ['I will find you some resources for that', false],
  ['my jeans are looser now', false],
  ['you 1d10t', true],
  ['shut the fuck up', true],
  ['kys', true],
  ['go kill yourself', true],
  ['people at school tell me to kys', false],
  ['i should just kys', false],
  ['he called me a slut', false],
  ["I'm a worthless piece of shit", false],
  ['I feel like a piece of shit', false],
  ['my boss is an asshole', false],
  ['shut up, bitch', true],
  ['u r an idiot', true],
  ["you're not an idiot for asking", false],
  ['you m0r0n', true],
  ['you absolute b!tch', true],
  ['i know where you live', true],
  ['you are a loser', true],
  ['I feel like such a failure', false],
  ['my class starts at nine', false],
  ['I passed the assessment', false],
  ['that was a shitake mushroom recipe', false],
  ['my friend Dick is visiting', false],
  ['I feel stupid sometimes', false],
  ['the hell of it all is I cannot sleep', false],
  ['we went to Scunthorpe', false],
  ['my therapist is great', false],
  ['I tried to be positive', false],
  ['he called me a loser and it hurt', false],
  ['what a useless twat you are', true],
  ['f*ck you', true],
  ['s h u t  u p  b i t c h', true],
  // Written past the filter (issue 25): full-width, zero-width, soft hyphen, Cyrillic look-alikes,
  // a v for a u, txt-speak, letters spaced out.
  ['ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ', true],
  ['you are an id\u200biot', true],
  ['you are an id\u00adiot', true],
  ['you are an іdіоt', true],
  ['fuсk yоu', true],
  ['fvck you', true],
  ['shvt up bitch', true],
  ['u r a cvnt', true],
  ['u r an idiot', true],
  ['ur a moron', true],
  ['u r a m o r o n', true],
  ["you're a r e t a r d", true],
  // ... and the same respellings in self-talk and reported speech still pass.
  ['i feel like such an іdіоt', false],
  ['he said i was a fvcking moron', false],
  ["i'm a ｗｏｒｔｈｌｅｓｓ piece of shit", false],
  ['she called me a cvnt and i cried', false],
  ['y dont u just go die', true],
  ['my village is so quiet', false],
];


describe('built-in detectors (MOD2), table-driven', () => {
  it('[MOD2] contact-detail redaction: emails, phones, URLs, domains and handles; not times, dates, prices or numbers', () => {
    const result = score('contact redaction', CONTACTS, (t) => redactContacts(t).includes(CONTACT_PLACEHOLDER));
    expect(result.wrong).toEqual([]);
    expect(redactContacts('mail jane.doe@example.com or call 555-123-4567')).toBe(`mail ${CONTACT_PLACEHOLDER} or call ${CONTACT_PLACEHOLDER}`);
  });

  it('[MOD2] [MOD2c] abuse blocklist: aimed insults through l33t, repeated letters and separators; self-talk and reported speech pass', () => {
    const hook = new AbuseBlocklistHook(lexicons.abuse);
    const result = score('abuse blocklist', ABUSE, (t) => hook.matches(t));
    expect(result.wrong).toEqual([]);
  });
});

describe('built-in detectors (MOD2), their quick paths', () => {
  // Every table entry, and variants of it that the quick paths treat differently (case, full-width
  // characters, a detail at either end), plus one text per alternative of the contact quick check.
  const texts = [...CONTACTS, ...ABUSE].flatMap(([t]) => [t, t.toUpperCase(), `${t}.`, `hi ${t}`, t.normalize('NFKD'), t.replace(/[a-z0-9@.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))]);
  const extra = [
    'Mail JANE@EXAMPLE.COM', 'visit Example.Org today', 'my SNAPCHAT - jane_d', 'Discord jane#1234', 'ring 0049 30 1234567', 'hello there', 'jane [at] example [dot] com', 'HTTPS://x.y/z', 'tel: 555.123.4567', '', ' ', 'I am fine',
    'number: fivefivefive onetwothree fourfivesixseven', 'see my portfolio at mikedesigns[.]net', 'owen-at-icloud-dot-com', 'seis uno dos, tres cuatro cinco, seis siete ocho', 'the first bit is 0770 and the rest is nine hundred one two three', 's n a p: m a r k 2 2', 'd!sc0rd: v0idwalker', 'my @ is heyitsmarco', 'same username on all apps: starryeyes.jo',
  ];

  it('[MOD2] contact redaction: the quick check lets through only texts that every pattern would leave as they are', () => {
    const differ = [...texts, ...extra].filter((t) => redactContacts(t) !== redactEveryPattern(t));
    expect(differ).toEqual([]);
    // The quick check must not be vacuous: it passes texts with details on to the patterns.
    expect(extra.filter((t) => redactContacts(t) === t)).toEqual(['hello there', '', ' ', 'I am fine']);
  });
});

describe('the abuse blocklist on the reviewers\' set (MOD2c)', () => {
  it('[MOD2c] aimed insults are blocked, self-talk, reported speech and swearing about others pass (test/fixtures/abuse-heldout.json)', () => {
    const hook = new AbuseBlocklistHook(lexicons.abuse);
    const set = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'abuse-heldout.json'), 'utf8')) as { block: string[]; pass: string[] };
    const missed = set.block.filter((t) => !hook.matches(t));
    const blocked = set.pass.filter((t) => hook.matches(t));
    console.log(`[MOD2c] abuse-heldout: blocked ${set.block.length - missed.length} of ${set.block.length} aimed, ${blocked.length} of ${set.pass.length} near-misses`);
    // Before the shared fold this set stood at 119 of 123 and 0 of 126; it may only get better.
    expect(set.block.length - missed.length).toBeGreaterThanOrEqual(119);
    expect(blocked).toEqual([]);
  });
});
