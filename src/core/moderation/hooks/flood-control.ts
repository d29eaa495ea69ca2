import type { HookPayload, HookResult, ModerationHook } from '../types.js';

export interface FloodOptions {
  /** The same text this many times within the window is blocked. @default 3 */
  repeats: number;
  /** @default 60000 */
  windowMs: number;
}

/** The last messages kept per sender and chat. */
const KEEP = 20;
/** The answer for a message let through: one object, never changed. */
const ALLOW: HookResult = Object.freeze({ action: 'allow' });

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
    const { windowMs, repeats } = this.options;
    // One pass over what this sender sent: how much is still in the window, and how often it was this.
    const list = this.recent.get(key);
    let same = 0;
    let live = 0;
    if (list) {
      for (const m of list) {
        if (now - m.at >= windowMs) continue;
        // A retry of the same message (CH3) is not a repeat.
        if (clientMsgId !== undefined && m.id === clientMsgId) return ALLOW;
        if (m.text === normal) same++;
        live++;
      }
    }
    // The list is kept in place (a message's path, SPEC P1); a new one only when some have expired.
    const kept = !list ? [] : live < list.length ? list.filter((m) => now - m.at < windowMs) : list;
    if (kept !== list) this.recent.set(key, kept);
    if (same + 1 >= repeats) return { action: 'block', reason: FLOOD_REASON };
    kept.push({ text: normal, at: now, id: clientMsgId });
    if (kept.length > KEEP) kept.splice(0, kept.length - KEEP);
    return ALLOW;
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
