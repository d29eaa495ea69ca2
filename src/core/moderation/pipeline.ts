import type { HookFlag, HookPayload, HookResult, ModerationHook, ModerationVerdict } from './types.js';

export interface PipelineObserver {
  /** Per-hook latency and outcome, for metrics. */
  hookRan?(hook: string, ms: number, outcome: HookResult['action'] | 'failed'): void;
}

class HookTimeout extends Error {
  constructor(hook: string, ms: number) {
    super(`hook ${hook} took longer than ${ms} ms`);
  }
}

/** Wait for an asynchronous hook under its own timeout. */
async function withTimeout(hook: ModerationHook, pending: Promise<HookResult>): Promise<HookResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new HookTimeout(hook.name, hook.timeoutMs)), hook.timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * MOD1: every message passes the hooks in priority order. Redactions chain; a block stops the
 * message (with its reason for the sender); flags from every hook are collected. A hook that throws
 * or times out follows its failure mode; nothing is dropped silently.
 */
export class ModerationPipeline {
  private readonly hooks: ModerationHook[];
  /** Whether any hook reads the session's last messages (so they must be fetched for each message). */
  readonly usesRecent: boolean;

  constructor(
    hooks: ModerationHook[],
    private readonly observer: PipelineObserver = {},
  ) {
    this.hooks = [...hooks].sort((a, b) => a.priority - b.priority);
    this.usesRecent = this.hooks.some((h) => h.usesRecent !== false);
  }

  get names(): string[] {
    return this.hooks.map((h) => h.name);
  }

  async run(payload: HookPayload): Promise<ModerationVerdict> {
    let text = payload.text;
    let redacted = false;
    const flags: (HookFlag & { hook: string })[] = [];
    let waited = false;
    // What the hooks see: the payload itself until a redaction changes the text.
    let view = payload;
    for (const hook of this.hooks) {
      const started = performance.now();
      let result: HookResult;
      try {
        if (view.text !== text) view = { ...payload, text };
        // Synchronous hooks (the built-ins) are answered in the same tick, with no promise to wait for.
        const answer = hook.check(view);
        if (answer instanceof Promise) waited = true;
        result = answer instanceof Promise ? await withTimeout(hook, answer) : answer;
        this.observer.hookRan?.(hook.name, performance.now() - started, result.action);
      } catch (err) {
        this.observer.hookRan?.(hook.name, performance.now() - started, 'failed');
        const why = err instanceof HookTimeout ? 'timed out' : 'failed';
        if (hook.failureMode === 'block') return { action: 'block', reason: 'This message could not be checked. Please try again.', hook: hook.name, flags };
        if (hook.failureMode === 'deliver-and-flag') flags.push({ hook: hook.name, severity: 'medium', reason: `moderation hook ${hook.name} ${why}; please review` });
        continue;
      }
      // A block keeps the flags raised before it: crisis language is never lost to a later block.
      if (result.action === 'block') return { action: 'block', reason: result.reason, hook: hook.name, flags };
      if (result.action === 'redact' && result.text !== text) {
        text = result.text;
        redacted = true;
      }
      if (result.flag) flags.push({ ...result.flag, hook: hook.name });
    }
    return { action: 'deliver', text, redacted, flags, waited };
  }

  /** Tell stateful hooks (flood control) that a message they passed was never stored. */
  undelivered(payload: HookPayload): void {
    for (const hook of this.hooks) hook.undelivered?.(payload);
  }

  destroy(): void {
    for (const hook of this.hooks) hook.destroy?.();
  }
}
