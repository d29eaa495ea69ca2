import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrisisDetectorHook } from '../../src/core/moderation/hooks/crisis-detector.js';
import { loadLexicons } from '../../src/core/moderation/lexicons.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { newSession } from '../../src/testing/contracts/match-store.contract.js';
import { MODEL_FLAGS_ABOVE } from '../../src/core/moderation/crisis/classifier.js';
import { WordModel, trainWordModel } from '../../src/core/moderation/crisis/word-model.js';
import { examplesOf, readCrisisSet, trainingFiles } from '../../src/testing/crisis-sets.js';

const hook = new CrisisDetectorHook(loadLexicons(PROJECT_ROOT).crisis);
const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'crisis');
const read = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { crisis: string[]; everyday: string[] };

/** Recall on crisis statements and the false-alarm rate on everyday ones, printed so they are on record. */
function measure(name: string, set: { crisis: string[]; everyday: string[] }) {
  const missed = set.crisis.filter((t) => !hook.detects(t));
  const alarms = set.everyday.filter((t) => hook.detects(t));
  const recall = 1 - missed.length / set.crisis.length;
  const falseAlarms = alarms.length / set.everyday.length;
  console.log(`[MOD2b] ${name}: found ${(100 * recall).toFixed(1)} % of ${set.crisis.length} crisis statements, false alarms ${(100 * falseAlarms).toFixed(1)} % of ${set.everyday.length} everyday ones`);
  return { recall, falseAlarms };
}

describe('crisis detection generalises (MOD2b)', () => {
  it('[MOD2b] the labelled dev set: at least 95 % found, at most 5 % false alarms', () => {
    const { recall, falseAlarms } = measure('dev set (shared/data, copied)', read('dev.json'));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falseAlarms).toBeLessThanOrEqual(0.05);
  });

  // Sets written by reviewers who never saw the rules; each was first scored before any rule was
  // written from it (those first scores are in docs/crisis-detection.md). All of them are kept
  // here so a change of the rules that breaks what they taught shows at once.
  for (const file of readdirSync(FIXTURES).filter((f) => f.startsWith('heldout-')).sort()) {
    it(`[MOD2b] reviewers' set ${file}: at least 95 % found, at most 5 % false alarms`, () => {
      const { recall, falseAlarms } = measure(file, read(file));
      expect(recall).toBeGreaterThanOrEqual(0.95);
      expect(falseAlarms).toBeLessThanOrEqual(0.05);
    });
  }

  it('[MOD2b] the word model, tested on each set after learning from all the others, finds 90 % or more with 5 % or fewer false alarms', () => {
    // Leave one set out: the honest estimate of the model on writers it has not read.
    const files = trainingFiles();
    const examples = new Map(files.map((f) => [f, examplesOf(readCrisisSet(f))]));
    let found = 0;
    let crises = 0;
    let alarms = 0;
    let everyday = 0;
    for (const file of files) {
      const model = new WordModel(trainWordModel(files.filter((f) => f !== file).flatMap((f) => examples.get(f)!)));
      const set = examples.get(file)!;
      const hits = set.filter((e) => e.crisis && model.probability(e.sentences) >= MODEL_FLAGS_ABOVE).length;
      const false_ = set.filter((e) => !e.crisis && model.probability(e.sentences) >= MODEL_FLAGS_ABOVE).length;
      const n = set.filter((e) => e.crisis).length;
      found += hits;
      crises += n;
      alarms += false_;
      everyday += set.length - n;
      console.log(`[MOD2b] word model on ${file}, learnt without it: found ${((100 * hits) / n).toFixed(1)} %, false alarms ${((100 * false_) / (set.length - n)).toFixed(1)} %`);
    }
    console.log(`[MOD2b] word model, each set unseen: found ${((100 * found) / crises).toFixed(1)} % of ${crises}, false alarms ${((100 * alarms) / everyday).toFixed(1)} % of ${everyday}`);
    expect(found / crises).toBeGreaterThanOrEqual(0.9);
    expect(alarms / everyday).toBeLessThanOrEqual(0.05);
  }, 120_000);

  it('[MOD2b] the shipped word model is what its sets teach (lexicons/crisis-model.json = a retraining)', () => {
    const shipped = JSON.parse(readFileSync(join(PROJECT_ROOT, 'lexicons', 'crisis-model.json'), 'utf8')) as unknown;
    expect(trainWordModel(trainingFiles().flatMap((f) => examplesOf(readCrisisSet(f))))).toEqual(shipped);
  }, 60_000);

  it('[MOD2b] the decision names the kind it found, so the specialist sees why', () => {
    const kinds = (t: string) => hook.find(t).categories;
    expect(kinds("i've been saving my sleeping pills for weeks")).toContain('plan mentioned');
    expect(kinds('cut my arm again last night')).toContain('self-harm');
    expect(kinds('my stepdad said he will kill me if i tell anyone')).toContain('danger from another person');
    expect(kinds("i've given my cat to my neighbour for good, thank you for everything, goodbye")).toContain('farewell');
    expect(kinds("i can't keep myself safe tonight")).toContain('not safe now');
    expect(kinds('everyone would be better off without me')).toContain('suicidal thoughts');
    // Thoughts said with the means ready: the plan is named too, not only the thoughts.
    expect(kinds('i dont want to be here anymore, i have the pills ready')).toEqual(expect.arrayContaining(['suicidal thoughts', 'plan mentioned']));
    expect(kinds('my friend is on the bridge right now and wont answer me')).toContain('someone else at risk');
    const flag = hook.check({ session: newSession(), sender: 'seeker', text: 'I took 20 paracetamol an hour ago', recent: [] });
    expect(flag).toMatchObject({ action: 'allow', flag: { severity: 'high', crisis: true, reason: 'crisis language: plan mentioned' } });
  });

  it('[MOD2b] a crisis told as over is not flagged; one that is back, or danger from someone, is', () => {
    expect(hook.detects("years ago i felt suicidal but i'm in a good place now")).toBe(false);
    expect(hook.detects('back in 2019 i overdosed, now im a peer supporter myself')).toBe(false);
    expect(hook.detects("years ago i felt suicidal and now it's back, i want to die again")).toBe(true);
    expect(hook.detects('i used to cut, therapy helped, but i relapsed last night')).toBe(true);
    expect(hook.find("years ago he hit me, i'm in a good place now but he said he will kill me").categories).toContain('danger from another person');
  });

  it('[MOD2b] misspellings, missing apostrophes, txt-speak and slang', () => {
    for (const t of ['i dont wanna b here anymore', 'gonna kms', 'thinkin bout sucide again', 'i want 2 die', 'unaliving myself tn', 'sewerslide is all i think about', 'might ctb this weekend', 'im gna kil myslef', 'i want to d*e']) {
      expect(hook.detects(t), t).toBe(true);
    }
  });

  it('[MOD2b] idioms, everyday distress, ordinary doses and negations are not crisis', () => {
    for (const t of ['this homework is killing me', 'I cut my finger chopping onions', 'I took two paracetamol for my headache', 'my phone is about to die', "I'm not suicidal, just tired", 'I would never kill myself, but I am so stressed', 'we had a plan and a date for the wedding', 'mum will kill me when she sees the mess', 'I need rope for my tent', 'im dead lol that meme']) {
      expect(hook.detects(t), t).toBe(false);
    }
  });

  it('[MOD2] only the seeker is read: a specialist asking about safety raises nothing', () => {
    expect(hook.check({ session: newSession(), sender: 'specialist', text: 'are you thinking of killing yourself tonight?', recent: [] })).toEqual({ action: 'allow' });
  });

  it('[MOD2b] a rule added through CRISIS_LEXICON_FILE joins the built-in ones; a bad one stops the start-up', () => {
    const extra = new CrisisDetectorHook({ rules: [{ category: 'plan mentioned', pattern: 'bought ~2 helium' }] });
    expect(extra.find('i bought some helium').categories).toEqual(['plan mentioned']);
    expect(() => new CrisisDetectorHook({ rules: [{ category: 'plan mentioned', pattern: 'NO_SUCH_CLASS die' }] })).toThrow(/unknown word class NO_SUCH_CLASS/);
  });
});
