import { describe, expect, it } from 'vitest';
import { FloodControlHook } from '../../src/core/moderation/hooks/flood-control.js';
import { RecentSends } from '../../src/core/moderation/hooks/recent-sends.js';
import type { HookPayload } from '../../src/core/moderation/types.js';

const session = { id: 's1' } as HookPayload['session'];
const send = (hook: FloodControlHook, clientMsgId: string, text = 'are you there?') => hook.check({ session, sender: 'seeker', text, recent: [], clientMsgId }).action;

describe('flood control (MOD2)', () => {
  it('[MOD2] holds back the third copy of a message within the window', () => {
    const hook = new FloodControlHook();
    expect([send(hook, 'a'), send(hook, 'b'), send(hook, 'c')]).toEqual(['allow', 'allow', 'block']);
    hook.destroy();
  });

  it('[CH3] a retry of the same clientMsgId is not a repeat', () => {
    const hook = new FloodControlHook();
    expect([send(hook, 'a'), send(hook, 'a'), send(hook, 'a'), send(hook, 'b')]).toEqual(['allow', 'allow', 'allow', 'allow']);
    hook.destroy();
  });

  it('[REL2] a message that was never stored does not count', () => {
    const hook = new FloodControlHook();
    for (const id of ['a', 'b']) {
      send(hook, id);
      hook.undelivered({ session, sender: 'seeker', text: 'are you there?', recent: [], clientMsgId: id });
    }
    expect(send(hook, 'c')).toBe('allow');
    hook.destroy();
  });

  it('[MOD2] only copies of the same text within the window count, case and surrounding spaces aside', () => {
    let now = 1_000_000;
    const hook = new FloodControlHook({ repeats: 3, windowMs: 60_000 }, () => now);
    expect([send(hook, 'a', 'Are you there?'), send(hook, 'b', 'something else'), send(hook, 'c', '  are YOU there?  ')]).toEqual(['allow', 'allow', 'allow']);
    expect(send(hook, 'd', 'are you there?')).toBe('block');
    now += 60_000;
    expect([send(hook, 'e', 'are you there?'), send(hook, 'f', 'are you there?'), send(hook, 'g', 'are you there?')]).toEqual(['allow', 'allow', 'block']);
    hook.destroy();
  });

  it('[MOD2] keeps the last 20 messages of a sender, and forgets those out of the window', () => {
    let now = 1_000_000;
    const hook = new FloodControlHook({ repeats: 2, windowMs: 60_000 }, () => now);
    expect(send(hook, 'first', 'the first one')).toBe('allow');
    for (let i = 0; i < 19; i++) send(hook, `m${i}`, `message ${i}`);
    // Twenty kept: the first is still there, and a copy of it is held back.
    expect(send(hook, 'again', 'the first one')).toBe('block');
    send(hook, 'm19', 'message 19');
    // Twenty-one sent: the first has dropped out.
    expect(send(hook, 'again2', 'the first one')).toBe('allow');
    now += 30_000;
    expect(send(hook, 'x1', 'later')).toBe('allow');
    now += 30_000;
    // Everything but 'later' is now out of the window.
    expect([send(hook, 'x2', 'message 19'), send(hook, 'x3', 'later')]).toEqual(['allow', 'block']);
    hook.destroy();
  });

  it('[MOD2] texts alike in length and in the characters the fingerprint reads still differ', () => {
    const hook = new FloodControlHook({ repeats: 2, windowMs: 60_000 });
    // 100 characters: the fingerprint reads every fourth, and these differ only in the last.
    const a = 'x'.repeat(100);
    const b = `${'x'.repeat(99)}y`;
    expect([send(hook, '1', a), send(hook, '2', b), send(hook, '3', a)]).toEqual(['allow', 'allow', 'block']);
    hook.destroy();
  });

  it('[REL2] a message never stored frees its place among the last 20, the others keeping their order', () => {
    const hook = new FloodControlHook({ repeats: 2, windowMs: 60_000 });
    // 25 sent: the first five have dropped out, a5 is the oldest kept.
    for (let i = 0; i < 25; i++) send(hook, `a${i}`, `text ${i}`);
    expect(send(hook, 'copy0', 'text 0')).toBe('allow');
    // That copy was kept: a6 is now the oldest. One in the middle was never stored.
    hook.undelivered({ session, sender: 'seeker', text: 'text 10', recent: [], clientMsgId: 'a10' });
    expect(send(hook, 'b', 'another')).toBe('allow');
    // 20 kept again (a6..a9, a11..a24, copy0, b): a6 is still there, a10 is not.
    expect([send(hook, 'copy6', 'text 6'), send(hook, 'copy10', 'text 10')]).toEqual(['block', 'allow']);
    // copy10 took a place: a6 has dropped out.
    expect(send(hook, 'copy6b', 'text 6')).toBe('allow');
    hook.destroy();
  });

  it('[PRIV1] a text out of the window is not kept once a check has passed it by', () => {
    const sent = new RecentSends(20);
    sent.add('something private', 'a', 1_000);
    sent.add('still recent', 'b', 50_000);
    expect(sent.repeats('anything', 'c', 10_000)).toBe(0);
    expect((sent as unknown as { texts: string[] }).texts).toEqual(['', 'still recent']);
  });
});
