import type { Message } from '../../protocol/messages.js';
import type { SessionRecord } from '../chat/types.js';

export type Severity = 'low' | 'medium' | 'high';

/** A reason for a human to look, raised by a hook alongside allow or redact (MOD1). */
export interface HookFlag {
  severity: Severity;
  reason: string;
  /** Set by the crisis hook: help the seeker now (MOD2). */
  crisis?: boolean;
  /** The kinds of crisis statement found ("plan mentioned", "self-harm"), shown to the specialist. */
  categories?: string[];
}

/** What one hook sees: the message on its way, its session, who sends it, and recent history. */
export interface HookPayload {
  session: SessionRecord;
  sender: 'seeker' | 'specialist';
  /** The text as it stands after earlier hooks. */
  text: string;
  /** Up to the last 5 delivered messages of the session. */
  recent: Message[];
  /** The sender's id for this message: a retry of it carries the same one (CH3). */
  clientMsgId?: string;
}

/** A hook's verdict (MOD1). `flag` may accompany allow or redact. */
export type HookResult =
  | { action: 'allow'; flag?: HookFlag }
  | { action: 'redact'; text: string; flag?: HookFlag }
  | { action: 'block'; reason: string };

/** What happens when a hook throws or times out. Default: deliver and flag for review. */
export type FailureMode = 'deliver-and-flag' | 'deliver' | 'block';

/** One step of the moderation pipeline. Lower priority runs first. */
export interface ModerationHook {
  readonly name: string;
  readonly priority: number;
  readonly timeoutMs: number;
  readonly failureMode: FailureMode;
  check(payload: HookPayload): HookResult | Promise<HookResult>;
  /**
   * False when check() never reads `payload.recent`: if no hook reads it, messages are moderated
   * without fetching the session's last messages. Hooks that do not say are given them.
   */
  readonly usesRecent?: boolean;
  /** The message it checked was not stored after all (a backend was down, the chat ended): forget it. */
  undelivered?(payload: HookPayload): void;
  /** Release timers and connections. */
  destroy?(): void;
  /**
   * A safety hook (the crisis detector) runs before every other hook, whatever its priority, and
   * when it raises a crisis flag no later hook can block the message (MOD2a).
   */
  readonly safety?: boolean;
}

/** The pipeline's outcome for one message. */
export type ModerationVerdict =
  | {
      action: 'deliver';
      text: string;
      redacted: boolean;
      flags: (HookFlag & { hook: string })[];
      /** Whether a hook answered asynchronously (a webhook): the chat may have changed meanwhile. */
      waited: boolean;
    }
  | { action: 'block'; reason: string; hook: string; flags: (HookFlag & { hook: string })[] };
