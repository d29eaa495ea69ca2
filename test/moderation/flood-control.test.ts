import { describe, expect, it } from 'vitest';
import { FloodControlHook } from '../../src/core/moderation/hooks/flood-control.js';
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
});
