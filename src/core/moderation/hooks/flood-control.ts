import type { HookPayload, HookResult, ModerationHook } from '../types.js';

export interface FloodOptions {
  /** The same text this many times within the window is blocked. @default 3 */
  repeats: number;
  /** @default 60000 */
  windowMs: number;
}

export const FLOOD_REASON = 'You have sent this message several times already. Please wait for a reply.';

/** MOD2: flood control per sender: repeating the same message again and again is held back. */
export class FloodControlHook implements ModerationHook {
  readonly name = 'flood-control';
  readonly priority = 5;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver' as const;
  readonly usesRecent = false;
  private readonly options: FloodOptions;
  private readonly recent = new Map<string, { text: string; at: number; id?: string }[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(options: Partial<FloodOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { repeats: 3, windowMs: 60_000, ...options };
    this.timer = setInterval(() => this.sweep(), this.options.windowMs).unref();
  }

  check({ session, sender, text, clientMsgId }: HookPayload): HookResult {
    const key = `${session.id}:${sender}`;
    const now = this.now();
    const normal = text.trim().toLowerCase();
    // One pass over what this sender sent: what is still in the window, and how often it was this.
    const kept: { text: string; at: number; id?: string }[] = [];
    let same = 0;
    for (const m of this.recent.get(key) ?? []) {
      if (now - m.at >= this.options.windowMs) continue;
      // A retry of the same message (CH3) is not a repeat.
      if (clientMsgId !== undefined && m.id === clientMsgId) return { action: 'allow' };
      if (m.text === normal) same++;
      kept.push(m);
    }
    if (same + 1 >= this.options.repeats) {
      this.recent.set(key, kept);
      return { action: 'block', reason: FLOOD_REASON };
    }
    kept.push({ text: normal, at: now, id: clientMsgId });
    this.recent.set(key, kept.slice(-20));
    return { action: 'allow' };
  }

  /** A message that was never stored does not count as sent. */
  undelivered({ session, sender, clientMsgId }: HookPayload): void {
    const key = `${session.id}:${sender}`;
    const kept = this.recent.get(key);
    if (kept && clientMsgId !== undefined) this.recent.set(key, kept.filter((m) => m.id !== clientMsgId));
  }

  destroy(): void {
    clearInterval(this.timer);
    this.recent.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, list] of this.recent) if (!list.some((m) => now - m.at < this.options.windowMs)) this.recent.delete(key);
  }
}
