import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FailureMode, HookPayload, HookResult, ModerationHook } from '../../core/moderation/types.js';

/** What a MODERATION_HOOKS module exports: `hooks` (or a default export), a list of these. */
export interface CustomHookDefinition {
  name: string;
  check(payload: HookPayload): HookResult | Promise<HookResult>;
  /** @default 100 (after the built-ins) */
  priority?: number;
  /** @default 300 */
  timeoutMs?: number;
  /** @default 'deliver-and-flag' */
  failureMode?: FailureMode;
  destroy?(): void;
}

/** Load custom hooks from a module path (MOD3), with defaults filled in. A bad module stops the boot. */
export async function loadCustomHooks(path: string): Promise<ModerationHook[]> {
  const mod = (await import(pathToFileURL(resolve(path)).href)) as { hooks?: unknown; default?: unknown };
  const list = mod.hooks ?? mod.default;
  if (!Array.isArray(list)) throw new Error(`MODERATION_HOOKS: ${path} must export \`hooks\`, a list of hooks`);
  return list.map((raw, i) => {
    const hook = raw as Partial<CustomHookDefinition>;
    if (typeof hook.name !== 'string' || typeof hook.check !== 'function') {
      throw new Error(`MODERATION_HOOKS: hook #${i + 1} in ${path} needs a name and a check(payload) function`);
    }
    const check = hook.check.bind(hook);
    return {
      name: hook.name,
      priority: hook.priority ?? 100,
      timeoutMs: hook.timeoutMs ?? 300,
      failureMode: hook.failureMode ?? 'deliver-and-flag',
      check,
      ...(hook.destroy ? { destroy: hook.destroy.bind(hook) } : {}),
    };
  });
}
