import type { Message } from '../../protocol/messages.js';
import type { SessionRecord } from '../chat/types.js';

export type Severity = 'low' | 'medium' | 'high';

/** A reason for a human to look, raised by a hook alongside allow or redact (MOD1). */
export interface HookFlag {
  severity: Severity;
  reason: string;
  /** Set by the crisis hook: help the seeker now (MOD2). */
  crisis?: boolean;
}

/** What one hook sees: the message on its way, its session, who sends it, and recent history. */
export interface HookPayload {
  session: SessionRecord;
  sender: 'seeker' | 'specialist';
  /** The text as it stands after earlier hooks. */
  text: string;
  /** Up to the last 5 delivered messages of the session. */
  recent: Message[];
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
  /** Release timers and connections. */
  destroy?(): void;
}

/** The pipeline's outcome for one message. */
export type ModerationVerdict =
  | { action: 'deliver'; text: string; redacted: boolean; flags: (HookFlag & { hook: string })[] }
  | { action: 'block'; reason: string; hook: string; flags: (HookFlag & { hook: string })[] };
