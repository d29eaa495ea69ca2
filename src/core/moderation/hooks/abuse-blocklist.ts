import { normalize } from '../normalize.js';
import type { HookPayload, HookResult, ModerationHook } from '../types.js';
import { RESPELLED, abuseWords, clausesOf, respell, unquoted } from './abuse-text.js';

export const ABUSE_REASON = 'This message was not sent: it contains language that is not allowed here. Please rephrase.';

/** The abuse lists (ABUSE_WORDS_FILE): data, not code. */
export interface AbuseLexicon {
  /** Phrases aimed at the reader by their form ("fuck you", "kys", "i know where you live"). */
  aimed: string[];
  /** Orders to harm oneself, aimed when they open a clause ("go hang yourself", "drink bleach"). */
  commands?: string[];
  /** Words that insult only when aimed at the reader ("you idiot"), not in self-talk or about others. */
  insults: string[];
  /** Slurs: blocked on the same terms as insults. */
  slurs: string[];
}

const set = (words: string[]) => new Set(words.map(normalize));
/** Words that may stand between "you" and an insult aimed at them ("you are such a fucking idiot"). */
const BETWEEN = set(['are', 'is', 'such', 'a', 'an', 'the', 'so', 'fucking', 'effing', 'freaking', 'absolute', 'total', 'complete', 'little', 'really', 'just', 'being', 'like', 'sound', 'look', 'act', 'acting', 'seem', 'real', 'huge', 'big', 'massive', 'utter', 'right', 'one', 'of', 'literally', 'honestly', 'seriously', 'clearly', 'obviously', 'basically', 'actually', 'most', 'ever', 'worst', 'biggest', 'sick', 'whiny', 'spoiled', 'sad', 'lazy', 'fat', 'dirty', 'filthy', 'nasty', 'bloody', 'damn', 'as', 'and', 'stupid', 'dumb', 'useless', 'worthless', 'pathetic', 'disgusting', 'brainless']);
/** Words around a lone insult that still address the reader ("shut up, idiot", "ok loser"). */
const VOCATIVE = set(['ok', 'okay', 'shut', 'up', 'fuck', 'off', 'fucking', 'stupid', 'absolute', 'dumb', 'little', 'lol', 'god', 'oh', 'just', 'go', 'away', 'hey', 'listen', 'seriously', 'omg', 'wow', 'what', 'a', 'an', 'whatever', 'bye', 'yeah', 'sure', 'thanks', 'cheers', 'piss', 'get', 'lost', 'no', 'yes', 'fine', 'stfu', 'gtfo', 'mate', 'dude', 'bro', 'ugh', 'damn', 'bloody', 'you', 'stop', 'whining', 'crying', 'cry', 'about', 'it', 'man', 'up', 'sad', 'whiny', 'spoiled', 'sick', 'dirty', 'fat', 'your', 'mouth']);
const YOU = set(['you', "you're", 'youre', "you've", 'your', 'yourself', 'thou']);
const SELF = set(['i', "i'm", 'im', 'me', 'my', 'myself', "i've", 'ive', "i'd", 'id', 'should', 'might', 'gonna', 'wanna']);
const NEGATIONS = set(['not', "n't", 'never', 'no', "aren't", 'arent', "isn't", 'isnt', 'nothing', "don't", 'dont', "doesn't"]);
/** Speech reported or quoted, not said to the reader: "he called me a slut", "people tell me to kys". */
const REPORTED = set(['call', 'calls', 'called', 'calling', 'said', 'says', 'say', 'saying', 'told', 'tell', 'tells', 'telling', 'texted', 'texts', 'wrote', 'writes', 'yelled', 'yells', 'shouted', 'shouts', 'screamed', 'screams', 'messaged', 'commented', 'comments', 'dm', 'dmed', 'posted', 'named', 'name', 'names', 'whispered', 'mocked', 'teased', 'heard', 'hear', 'word', 'words', 'sent', 'sends', 'send']);
/** Someone or something other than the reader that an insult may be about ("my phone died, piece of shit"). */
const OTHERS = set(['he', 'she', 'they', 'him', 'her', 'them', 'it', 'my', 'his', 'their', 'its']);
/** Insults that are adjectives: alone they are as often self-talk ("worthless.") as address. */
const ADJECTIVES = set(['worthless', 'pathetic', 'useless', 'stupid', 'ugly', 'retarded', 'dumb', 'trash', 'garbage', 'disgusting', 'brainless', 'thick', 'dumbest', 'braindead']);

type Term = string[];
const terms = (list: readonly string[]): Term[] => [...new Set(list.map((t) => abuseWords(t).join(' ')).filter(Boolean))].map((t) => t.split(' '));

/** Terms filed under their first word: a clause's words are each looked up once, however long the lists. */
function byFirstWord(list: Term[]): Map<string, Term[]> {
  const filed = new Map<string, Term[]>();
  for (const term of list) {
    const under = filed.get(term[0]!);
    if (under) under.push(term);
    else filed.set(term[0]!, [term]);
  }
  return filed;
}

/**
 * MOD2, MOD2c: blocks only abuse aimed at the other person. A phrase aimed by its form ("fuck
 * you") is blocked unless it is reported ("he told me to kys") or, for orders to self-harm, self-talk
 * ("i should just kys": the crisis hook's business); an insult or slur only when it addresses the
 * reader ("you idiot", "shut up, bitch"). Self-talk ("I'm a worthless piece of shit"), reported
 * speech ("he called me a slut") and swearing about someone else ("my boss is an asshole") pass.
 * Matched after normalising l33t spelling, repeats, separators, starred letters and look-alikes.
 */
export class AbuseBlocklistHook implements ModerationHook {
  readonly name = 'abuse-blocklist';
  readonly priority = 20;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver-and-flag' as const;
  readonly usesRecent = false;
  private readonly aimed: Map<string, Term[]>;
  private readonly commands: Map<string, Term[]>;
  private readonly insults: Map<string, Term[]>;
  private readonly firstWords = new Set<string>();
  private readonly vocabulary = new Set<string>();
  private readonly insultWords = new Set<string>();

  constructor(lexicon: AbuseLexicon) {
    const aimed = terms(lexicon.aimed);
    const commands = terms(lexicon.commands ?? []);
    const insults = terms([...lexicon.insults, ...lexicon.slurs]);
    for (const t of [...aimed, ...commands, ...insults]) {
      this.firstWords.add(t[0]!);
      for (const w of t) this.vocabulary.add(w);
    }
    for (const t of insults) for (const w of t) this.insultWords.add(w);
    this.aimed = byFirstWord(aimed);
    this.commands = byFirstWord(commands);
    this.insults = byFirstWord(insults);
  }

  matches(text: string): boolean {
    // Cheap first pass: plain text holding no listed or respelled word, and no letters spelled out
    // ("r e t a r d", "f.u.c.k y.o.u", "d-bag"), needs no clause-by-clause reading.
    if (!/[^\x20-\x7e]|\*|[a-z][0-9@$!]|[0-9@$][a-z]|(?:\b[a-z][\s.\-_]){2}[a-z]\b|\b[a-z]-[a-z]/i.test(text) && !normalize(text).split(' ').some((w) => this.firstWords.has(w) || RESPELLED.has(w) || this.firstWords.has(respell(w, this.vocabulary)))) return false;
    const clauses: string[][] = [];
    for (const clause of clausesOf(text)) {
      const words = abuseWords(unquoted(clause), this.vocabulary);
      // "thick as shit, you are": a clause of only "you are" belongs to the one before.
      if (clauses.length && words.length && words.every((w) => YOU.has(w) || w === 'are')) clauses[clauses.length - 1]!.push(...words);
      else clauses.push(words);
    }
    const othersNamed = clauses.some((words) => words.some((w) => OTHERS.has(w)));
    for (const words of clauses) {
      // Cheap first pass: most clauses hold no listed word at all.
      if (!words.some((x) => this.firstWords.has(x))) continue;
      if (this.aimedIn(words) || this.insultIn(words, othersNamed)) return true;
    }
    return false;
  }

  check({ text }: HookPayload): HookResult {
    return this.matches(text) ? { action: 'block', reason: ABUSE_REASON } : { action: 'allow' };
  }

  private aimedIn(words: string[]): boolean {
    for (let at = 0; at < words.length; at++) {
      for (const term of this.aimed.get(words[at]!) ?? NONE) if (startsAt(words, at, term) && !reported(words, at) && !selfTalk(words, at, term)) return true;
      for (const term of this.commands.get(words[at]!) ?? NONE) if (startsAt(words, at, term) && opensClause(words, at)) return true;
    }
    return false;
  }

  private insultIn(words: string[], othersNamed: boolean): boolean {
    for (let at = 0; at < words.length; at++) {
      for (const term of this.insults.get(words[at]!) ?? NONE) {
        if (startsAt(words, at, term) && (addressed(words, at) || (!othersNamed && vocative(words, at, term, this.insultWords)))) return true;
      }
    }
    return false;
  }
}

const NONE: readonly Term[] = [];

function startsAt(words: string[], at: number, term: Term): boolean {
  if (at + term.length > words.length) return false;
  for (let j = 1; j < term.length; j++) if (words[at + j] !== term[j]) return false;
  return true;
}

/** Someone else's words: a reporting verb earlier in the clause. */
function reported(words: string[], at: number): boolean {
  for (let i = 0; i < at; i++) if (REPORTED.has(words[i]!)) return true;
  return false;
}

/** "i should just kys": an order to self-harm, said of oneself (the crisis hook flags it). */
function selfTalk(words: string[], at: number, term: Term): boolean {
  if (term.some((w) => YOU.has(w))) return false;
  return words.slice(0, at).some((w) => SELF.has(w));
}

/** "go hang yourself", "just drink bleach": an order at the start of a clause. */
function opensClause(words: string[], at: number): boolean {
  return words.slice(0, at).every((w) => LEAD.has(w)) && !words.slice(0, at).some((w) => SELF.has(w));
}
/** Words that may come before an order and keep it an order ("just go hang yourself"). */
const LEAD = set(['go', 'just', 'please', 'pls', 'plz', 'why', 'dont', "don't", 'you', 'should', 'do', 'everyone', 'a', 'favour', 'favor', 'and', 'ok', 'well', 'then', 'now', 'lol', 'already', 'fucking']);

/** "you (are) (such a) (fucking) idiot": "you", then only words that keep addressing the reader. */
function addressed(words: string[], at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i <= 7; i--) {
    const w = words[i]!;
    if (YOU.has(w)) return !reported(words, i) && !words.slice(i + 1, at).some((x) => NEGATIONS.has(x));
    if (NEGATIONS.has(w)) return false;
    if (!BETWEEN.has(w)) break;
  }
  // "what a useless twat you are", "thick as shit, you are": the insult, then "you".
  for (let i = at + 1; i < words.length && i - at <= 3; i++) if (YOU.has(words[i]!)) return !reported(words, at) && !words.slice(0, at).some((x) => NEGATIONS.has(x) || SELF.has(x));
  return false;
}

/** A clause that is nothing but the insult and words of address: "idiot", "shut up bitch". */
function vocative(words: string[], at: number, term: Term, insults: ReadonlySet<string>): boolean {
  if (term.length === 1 && ADJECTIVES.has(term[0]!)) return false;
  return words.every((w, i) => (i >= at && i < at + term.length) || VOCATIVE.has(w) || insults.has(w));
}
