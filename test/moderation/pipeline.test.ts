import { describe, expect, it } from 'vitest';
import { ModerationPipeline } from '../../src/core/moderation/pipeline.js';
import type { HookPayload, HookResult, ModerationHook } from '../../src/core/moderation/types.js';
import { newSession } from '../../src/testing/contracts/match-store.contract.js';

const payload = (text: string): HookPayload => ({ session: newSession(), sender: 'seeker', text, recent: [] });

const hook = (name: string, priority: number, check: (p: HookPayload) => HookResult | Promise<HookResult>, extra: Partial<ModerationHook> = {}): ModerationHook => ({
  name,
  priority,
  timeoutMs: 50,
  failureMode: 'deliver-and-flag',
  check,
  ...extra,
});

describe('moderation pipeline (MOD1)', () => {
  it('[MOD1] runs hooks by priority, chaining redactions and collecting flags', async () => {
    const seen: string[] = [];
    const pipeline = new ModerationPipeline([
      hook('second', 20, (p) => (seen.push(`second:${p.text}`), { action: 'allow', flag: { severity: 'low', reason: 'noted' } })),
      hook('first', 10, (p) => (seen.push(`first:${p.text}`), { action: 'redact', text: p.text.replace('secret', '[x]') })),
    ]);
    const verdict = await pipeline.run(payload('my secret'));
    expect(seen).toEqual(['first:my secret', 'second:my [x]']);
    expect(verdict).toEqual({ action: 'deliver', text: 'my [x]', redacted: true, flags: [{ hook: 'second', severity: 'low', reason: 'noted' }], waited: false });
  });

  it('[MOD1] a block stops the message with the reason for the sender; later hooks do not run', async () => {
    let laterRan = false;
    const pipeline = new ModerationPipeline([
      hook('blocker', 1, () => ({ action: 'block', reason: 'not here' })),
      hook('later', 2, () => ((laterRan = true), { action: 'allow' })),
    ]);
    expect(await pipeline.run(payload('x'))).toEqual({ action: 'block', reason: 'not here', hook: 'blocker', flags: [] });
    expect(laterRan).toBe(false);
  });

  it('[MOD1] a block keeps the flags raised before it', async () => {
    const pipeline = new ModerationPipeline([
      hook('noticer', 1, () => ({ action: 'allow', flag: { severity: 'low', reason: 'noted' } })),
      hook('abuse', 20, () => ({ action: 'block', reason: 'no insults' })),
    ]);
    expect(await pipeline.run(payload('x'))).toEqual({ action: 'block', reason: 'no insults', hook: 'abuse', flags: [{ hook: 'noticer', severity: 'low', reason: 'noted' }] });
  });

  it('[MOD1] a hook that throws or times out delivers and flags for review by default; nothing is dropped', async () => {
    const outcomes: string[] = [];
    const pipeline = new ModerationPipeline(
      [
        hook('thrower', 1, () => {
          throw new Error('boom');
        }),
        hook('sleeper', 2, () => new Promise<HookResult>(() => undefined), { timeoutMs: 20 }),
      ],
      { hookRan: (name, _ms, outcome) => outcomes.push(`${name}:${outcome}`) },
    );
    const verdict = await pipeline.run(payload('hello'));
    expect(verdict).toMatchObject({ action: 'deliver', text: 'hello', redacted: false });
    expect(verdict.action === 'deliver' && verdict.flags.map((f) => [f.hook, f.severity])).toEqual([
      ['thrower', 'medium'],
      ['sleeper', 'medium'],
    ]);
    expect(outcomes).toEqual(['thrower:failed', 'sleeper:failed']);
  });

  it('[MOD1] follows each hook\'s failure mode: block, or deliver without a flag', async () => {
    const failing = () => {
      throw new Error('down');
    };
    expect((await new ModerationPipeline([hook('strict', 1, failing, { failureMode: 'block' })]).run(payload('x'))).action).toBe('block');
    expect(await new ModerationPipeline([hook('lenient', 1, failing, { failureMode: 'deliver' })]).run(payload('x'))).toEqual({
      action: 'deliver',
      text: 'x',
      redacted: false,
      flags: [],
      waited: false,
    });
  });

  it('[MOD1] hooks that answer synchronously run in order, each seeing the text as redacted before it', async () => {
    const pipeline = new ModerationPipeline([hook('a', 1, () => ({ action: 'allow' })), hook('b', 2, (p) => ({ action: 'redact', text: p.text.toUpperCase() }))]);
    const verdict = await pipeline.run(payload('hi'));
    expect(verdict).toEqual({ action: 'deliver', text: 'HI', redacted: true, flags: [], waited: false });
  });

  it('[MOD1] after a hook that answers with a promise, the rest run in order and see its redaction', async () => {
    const seen: string[] = [];
    const outcomes: string[] = [];
    const pipeline = new ModerationPipeline(
      [
        hook('first', 1, (p) => (seen.push(`first:${p.text}`), { action: 'allow', flag: { severity: 'low', reason: 'one' } })),
        hook('remote', 2, async (p) => (seen.push(`remote:${p.text}`), { action: 'redact', text: `${p.text}!` })),
        hook('last', 3, (p) => (seen.push(`last:${p.text}`), { action: 'allow', flag: { severity: 'high', reason: 'three' } })),
      ],
      { hookRan: (name, _ms, outcome) => outcomes.push(`${name}:${outcome}`) },
    );
    const running = pipeline.run(payload('hey'));
    expect(running).toBeInstanceOf(Promise);
    expect(await running).toEqual({
      action: 'deliver',
      text: 'hey!',
      redacted: true,
      flags: [
        { hook: 'first', severity: 'low', reason: 'one' },
        { hook: 'last', severity: 'high', reason: 'three' },
      ],
      waited: true,
    });
    expect(seen).toEqual(['first:hey', 'remote:hey', 'last:hey!']);
    expect(outcomes).toEqual(['first:allow', 'remote:redact', 'last:allow']);
  });
});
