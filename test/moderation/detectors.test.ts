import { describe, expect, it } from 'vitest';
import { AbuseBlocklistHook } from '../../src/core/moderation/hooks/abuse-blocklist.js';
import { CONTACT_PLACEHOLDER, redactContacts, redactEveryPattern } from '../../src/core/moderation/hooks/contact-redaction.js';
import { CrisisDetectorHook } from '../../src/core/moderation/hooks/crisis-detector.js';
import { loadLexicons } from '../../src/core/moderation/lexicons.js';
import { PhraseList, normalize } from '../../src/core/moderation/normalize.js';
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
];

const CRISIS: [string, boolean][] = [
  ['I want to kill myself', true],
  ['i want to die', true],
  ["I don't want to live anymore", true],
  ['I have been thinking about suicide', true],
  ['sometimes I feel suicidal', true],
  ['everyone would be better off without me', true],
  ['I took all my pills', true],
  ['I am planning to hurt myself tonight', true],
  ['I cut myself again last night', true],
  ['I just want to end it all', true],
  ['I wrote a note for my family', true],
  ['i wanna die', true],
  ['I wish I was dead', true],
  ['I took an overdose of my pills', true],
  ['I cant go on like this anymore', true],
  ['this homework is killing me', false],
  ['I am dying to see that movie', false],
  ['that cake was to die for', false],
  ['I could die laughing at that show', false],
  ['you killed it at the presentation', false],
  ['I want to dye my hair blue', false],
  ['I want to die my hair blue', false],
  ['I am dead tired after work', false],
  ['my dad died last year and I miss him', false],
  ['I watched Suicide Squad yesterday', false],
  ['I feel so alone lately', false],
  ['I did not wake up until noon', false],
  ["I can't go on the school trip", false],
];

describe('built-in detectors (MOD2), table-driven', () => {
  it('[MOD2] contact-detail redaction: emails, phones, URLs, domains and handles; not times, dates, prices or numbers', () => {
    const result = score('contact redaction', CONTACTS, (t) => redactContacts(t).includes(CONTACT_PLACEHOLDER));
    expect(result.wrong).toEqual([]);
    expect(redactContacts('mail jane.doe@example.com or call 555-123-4567')).toBe(`mail ${CONTACT_PLACEHOLDER} or call ${CONTACT_PLACEHOLDER}`);
  });

  it('[MOD2] abuse blocklist: whole words, through l33t, repeated letters and separators', () => {
    const hook = new AbuseBlocklistHook(lexicons.abuse);
    const result = score('abuse blocklist', ABUSE, (t) => hook.matches(t));
    expect(result.wrong).toEqual([]);
  });

  it('[MOD2] crisis language: first-person risk, not everyday idioms', () => {
    const hook = new CrisisDetectorHook(lexicons.crisis);
    const result = score('crisis detection', CRISIS, (t) => hook.detects(t));
    expect(result.wrong).toEqual([]);
  });
});

describe('built-in detectors (MOD2), their quick paths', () => {
  // Every table entry, and variants of it that the quick paths treat differently (case, full-width
  // characters, a detail at either end), plus one text per alternative of the contact quick check.
  const texts = [...CONTACTS, ...ABUSE, ...CRISIS].flatMap(([t]) => [t, t.toUpperCase(), `${t}.`, `hi ${t}`, t.normalize('NFKD'), t.replace(/[a-z0-9@.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))]);
  const extra = ['Mail JANE@EXAMPLE.COM', 'visit Example.Org today', 'my SNAPCHAT - jane_d', 'Discord jane#1234', 'ring 0049 30 1234567', 'hello there', 'jane [at] example [dot] com', 'HTTPS://x.y/z', 'tel: 555.123.4567', '', ' ', 'I am fine'];

  it('[MOD2] contact redaction: the quick check lets through only texts that every pattern would leave as they are', () => {
    const differ = [...texts, ...extra].filter((t) => redactContacts(t) !== redactEveryPattern(t));
    expect(differ).toEqual([]);
    // The quick check must not be vacuous: it passes texts with details on to the patterns.
    expect(extra.filter((t) => redactContacts(t) === t)).toEqual(['hello there', '', ' ', 'I am fine']);
  });

  it('[MOD2] phrase lists find whole-word phrases, the first of the list first, as a search of the padded text does', () => {
    const lists = [lexicons.abuse, lexicons.crisis.phrases, lexicons.crisis.notCrisis];
    // Each list's own phrases inside sentences, cut short, and run together with their neighbours.
    const withPhrases = lists.flatMap((l) => l.flatMap((p, i) => [`so ${p} today`, p.slice(0, -1), `${p} ${l[i + 1] ?? ''}`, `${l[i + 1] ?? ''}${p}`]));
    for (const phrases of lists) {
      const list = new PhraseList(phrases);
      const padded = [...new Set(phrases.map(normalize).filter(Boolean))].map((p) => ` ${p} `);
      for (const text of [...texts, ...withPhrases].map(normalize)) {
        expect(list.find(text), text).toBe(padded.find((p) => ` ${text} `.includes(p)));
      }
    }
    expect(new PhraseList(['hurt myself', 'hurt']).find('i will hurt myself')).toBe(' hurt myself ');
    expect(new PhraseList(['hurt', 'hurt myself']).find('i will hurt myself')).toBe(' hurt ');
    expect(new PhraseList(['hurt myself']).find('i will hurt myselfish')).toBeUndefined();
  });

  it('[MOD2] crisis patterns that refer to their own groups still match when the lexicon has several', () => {
    const hook = new CrisisDetectorHook({ phrases: [], patterns: ['\\b(no+)\\s+\\1\\s+more\\b', '\\bcannot (go|carry) on\\b'], notCrisis: [] });
    expect(['no no more', 'I CANNOT GO ON', 'nooo nooo more'].filter((t) => hook.detects(t))).toHaveLength(3);
    expect(['no nooo more', 'I cannot go home'].filter((t) => hook.detects(t))).toEqual([]);
  });

  it('[MOD2] crisis patterns read the message lower-cased (a Kelvin sign is a k), and a broken one stops the start-up even among others', () => {
    const hook = new CrisisDetectorHook(lexicons.crisis);
    expect(hook.detects('i want to \u212Aill me')).toBe(true);
    expect(() => new CrisisDetectorHook({ phrases: [], patterns: ['a)|(b'], notCrisis: [] })).toThrow(SyntaxError);
    expect(() => new CrisisDetectorHook({ phrases: [], patterns: ['a\\', ')b'], notCrisis: [] })).toThrow(SyntaxError);
  });
});
