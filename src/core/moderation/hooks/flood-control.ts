import type { HookPayload, HookResult, ModerationHook } from '../types.js';
import { RecentSends } from './recent-sends.js';

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

type Senders = Partial<Record<HookPayload['sender'], RecentSends>>;

/** MOD2: flood control per sender: repeating the same message again and again is held back. */
export class FloodControlHook implements ModerationHook {
  readonly name = 'flood-control';
  readonly priority = 5;
  readonly timeoutMs = 50;
  readonly failureMode = 'deliver' as const;
  readonly usesRecent = false;
  private readonly options: FloodOptions;
  /** Per chat (its id, no key built per message), each side's last messages. */
  private readonly bySession = new Map<string, Senders>();
  private readonly timer: NodeJS.Timeout;

  constructor(options: Partial<FloodOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { repeats: 3, windowMs: 60_000, ...options };
    this.timer = setInterval(() => this.sweep(), this.options.windowMs).unref();
  }

  check({ session, sender, text, clientMsgId }: HookPayload): HookResult {
    const now = this.now();
    const normal = text.trim().toLowerCase();
    let senders = this.bySession.get(session.id);
    if (!senders) this.bySession.set(session.id, (senders = {}));
    const sent = (senders[sender] ??= new RecentSends(KEEP));
    const same = sent.repeats(normal, clientMsgId, now - this.options.windowMs);
    // A retry of the same message (CH3) is not a repeat.
    if (same < 0) return ALLOW;
    if (same + 1 >= this.options.repeats) return { action: 'block', reason: FLOOD_REASON };
    sent.add(normal, clientMsgId, now);
    return ALLOW;
  }

  /** A message that was never stored does not count as sent. */
  undelivered({ session, sender, clientMsgId }: HookPayload): void {
    if (clientMsgId !== undefined) this.bySession.get(session.id)?.[sender]?.remove(clientMsgId);
  }

  destroy(): void {
    clearInterval(this.timer);
    this.bySession.clear();
  }

  /** Chats whose senders sent nothing within the window are forgotten. */
  private sweep(): void {
    const since = this.now() - this.options.windowMs;
    for (const [id, senders] of this.bySession) {
      if (!Object.values(senders).some((sent) => sent.latest() > since)) this.bySession.delete(id);
    }
  }
}
