import { describe, expect, it } from 'vitest';
import { AbuseBlocklistHook } from '../../src/core/moderation/hooks/abuse-blocklist.js';
import { ContactRedactionHook } from '../../src/core/moderation/hooks/contact-redaction.js';
import { CrisisDetectorHook } from '../../src/core/moderation/hooks/crisis-detector.js';
import { FloodControlHook } from '../../src/core/moderation/hooks/flood-control.js';
import { loadLexicons } from '../../src/core/moderation/lexicons.js';
import { ModerationPipeline } from '../../src/core/moderation/pipeline.js';
import type { HookPayload, HookResult, ModerationHook } from '../../src/core/moderation/types.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { newSession } from '../../src/testing/contracts/match-store.contract.js';

const lexicons = loadLexicons(PROJECT_ROOT);
const payload = (text: string, sender: 'seeker' | 'specialist' = 'seeker'): HookPayload => ({ session: newSession(), sender, text, recent: [] });
const custom = (name: string, priority: number, check: () => HookResult | Promise<HookResult>, extra: Partial<ModerationHook> = {}): ModerationHook => ({ name, priority, timeoutMs: 50, failureMode: 'deliver-and-flag', check, ...extra });
const builtIns = () => [new FloodControlHook(), new ContactRedactionHook(), new AbuseBlocklistHook(lexicons.abuse), new CrisisDetectorHook(lexicons.crisis)];

describe('crisis language is never silenced (MOD2a)', () => {
  it('[MOD2a] self-talk with an insult and crisis words is delivered, flagged high with its kind, and the abuse hook never blocks it', async () => {
    const text = "I hate myself, I'm a worthless piece of shit and I want to kill myself";
    const verdict = await new ModerationPipeline(builtIns()).run(payload(text));
    expect(verdict.action).toBe('deliver');
    if (verdict.action !== 'deliver') return;
    expect(verdict.text).toBe(text);
    expect(verdict.flags).toContainEqual(expect.objectContaining({ hook: 'crisis-detector', severity: 'high', crisis: true, categories: ['suicidal thoughts'] }));
  });

  it('[MOD2a] a block from any later hook becomes a flag when the crisis hook fired, and the message still goes through the rest (redaction)', async () => {
    const pipeline = new ModerationPipeline([...builtIns(), custom('strict-custom', 60, () => ({ action: 'block', reason: 'custom says no' }))]);
    const verdict = await pipeline.run(payload("i'm going to kill myself tonight, call me on 555-123-4567"));
    expect(verdict.action).toBe('deliver');
    if (verdict.action !== 'deliver') return;
    expect(verdict.redacted).toBe(true);
    expect(verdict.text).not.toContain('555-123-4567');
    expect(verdict.flags.map((f) => f.hook)).toEqual(['crisis-detector', 'strict-custom']);
    expect(verdict.flags[1]!.reason).toMatch(/custom says no.*crisis language/);
  });

  it('[MOD2a] a custom hook with a lower priority than the crisis hook still runs after it, so it cannot block first', async () => {
    const order: string[] = [];
    const crisis = new CrisisDetectorHook(lexicons.crisis);
    const spy: ModerationHook = { ...custom('first-by-priority', -100, () => (order.push('custom'), { action: 'block', reason: 'too early' })) };
    const watched: ModerationHook = { name: crisis.name, priority: crisis.priority, timeoutMs: 50, failureMode: 'deliver-and-flag', safety: true, check: (p) => (order.push('crisis'), crisis.check(p)) };
    const verdict = await new ModerationPipeline([spy, watched]).run(payload('i just want to die'));
    expect(order).toEqual(['crisis', 'custom']);
    expect(verdict.action).toBe('deliver');
  });

  it('[MOD2a] an asynchronous custom block, a failing hook in block mode and flood control all give way to crisis language', async () => {
    const failing = custom('broken', 30, () => Promise.reject(new Error('down')), { failureMode: 'block' });
    const asyncBlock = custom('webhook-like', 40, () => Promise.resolve({ action: 'block', reason: 'remote says no' }));
    const verdict = await new ModerationPipeline([new CrisisDetectorHook(lexicons.crisis), failing, asyncBlock]).run(payload('ive taken all my pills'));
    expect(verdict.action).toBe('deliver');
    const flood = new FloodControlHook();
    const pipeline = new ModerationPipeline([flood, new CrisisDetectorHook(lexicons.crisis)]);
    const session = newSession();
    let last;
    for (let i = 0; i < 40; i++) last = await pipeline.run({ session, sender: 'seeker', text: 'i want to die', recent: [] });
    expect(last?.action).toBe('deliver');
  });

  it('[MOD2a] without crisis language a block is still a block (the rule is narrow)', async () => {
    const verdict = await new ModerationPipeline(builtIns()).run(payload('fuck you'));
    expect(verdict).toMatchObject({ action: 'block', hook: 'abuse-blocklist' });
  });

  it('[MOD2] a specialist asking about safety is not flagged as a crisis', async () => {
    const verdict = await new ModerationPipeline(builtIns()).run(payload('are you thinking about killing yourself?', 'specialist'));
    expect(verdict).toMatchObject({ action: 'deliver', flags: [] });
  });
});
