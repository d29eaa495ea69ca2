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

/** One message's way through the hooks: the text as redacted so far and the flags raised. */
interface RunState {
  payload: HookPayload;
  text: string;
  redacted: boolean;
  flags: (HookFlag & { hook: string })[];
  /** What the hooks see: the payload itself until a redaction changes the text. */
  view: HookPayload;
  /** Whether a hook answered asynchronously. */
  waited: boolean;
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
    // Safety hooks first, whatever the others' priorities: a custom hook at priority 0 cannot
    // block a crisis message before it is seen (MOD2a).
    this.hooks = [...hooks].sort((a, b) => Number(b.safety === true) - Number(a.safety === true) || a.priority - b.priority);
    this.usesRecent = this.hooks.some((h) => h.usesRecent !== false);
  }

  get names(): string[] {
    return this.hooks.map((h) => h.name);
  }

  /**
   * The verdict for one message, the hooks run in order. A hook that answers with a promise (a
   * webhook, a custom hook) is waited for under its timeout before the rest run, with the same rules.
   */
  async run(payload: HookPayload): Promise<ModerationVerdict> {
    const state: RunState = { payload, text: payload.text, redacted: false, flags: [], view: payload, waited: false };
    for (const hook of this.hooks) {
      const started = performance.now();
      let result: HookResult;
      try {
        const answer = hook.check(this.viewOf(state));
        if (answer instanceof Promise) state.waited = true;
        result = answer instanceof Promise ? await withTimeout(hook, answer) : answer;
      } catch (err) {
        const end = this.failed(hook, started, err, state);
        if (end) return end;
        continue;
      }
      const end = this.take(hook, started, result, state);
      if (end) return end;
    }
    return { action: 'deliver', text: state.text, redacted: state.redacted, flags: state.flags, waited: state.waited };
  }

  /** What the next hook sees: the payload itself until a redaction changes the text. */
  private viewOf(state: RunState): HookPayload {
    if (state.view.text !== state.text) state.view = { ...state.payload, text: state.text };
    return state.view;
  }

  /**
   * Apply one hook's answer; a block ends the run (it keeps the flags raised before it), except
   * that a message carrying crisis language is always delivered: the block becomes a flag (MOD2a).
   */
  private take(hook: ModerationHook, started: number, result: HookResult, state: RunState): ModerationVerdict | undefined {
    this.observer.hookRan?.(hook.name, performance.now() - started, result.action);
    if (result.action === 'block') return this.blocked(hook, result.reason, state);
    if (result.action === 'redact' && result.text !== state.text) {
      state.text = result.text;
      state.redacted = true;
    }
    if (result.flag) state.flags.push({ ...result.flag, hook: hook.name });
    return undefined;
  }

  /** A hook that threw or timed out follows its failure mode: a block ends the run. */
  private failed(hook: ModerationHook, started: number, err: unknown, state: RunState): ModerationVerdict | undefined {
    this.observer.hookRan?.(hook.name, performance.now() - started, 'failed');
    const why = err instanceof HookTimeout ? 'timed out' : 'failed';
    if (hook.failureMode === 'block') return this.blocked(hook, 'This message could not be checked. Please try again.', state);
    if (hook.failureMode === 'deliver-and-flag') state.flags.push({ hook: hook.name, severity: 'medium', reason: `moderation hook ${hook.name} ${why}; please review` });
    return undefined;
  }

  /** MOD2a: a block from any hook ends the run, unless crisis language was found: then it is a flag. */
  private blocked(hook: ModerationHook, reason: string, state: RunState): ModerationVerdict | undefined {
    if (!state.flags.some((f) => f.crisis)) return { action: 'block', reason, hook: hook.name, flags: state.flags };
    state.flags.push({ hook: hook.name, severity: 'medium', reason: `would have blocked this message (${reason}); delivered because it carries crisis language` });
    return undefined;
  }

  /** Tell stateful hooks (flood control) that a message they passed was never stored. */
  undelivered(payload: HookPayload): void {
    for (const hook of this.hooks) hook.undelivered?.(payload);
  }

  destroy(): void {
    for (const hook of this.hooks) hook.destroy?.();
  }
}
