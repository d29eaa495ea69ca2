import type { Deadlines } from '../ports/deadlines.js';
import type { FlagStore } from '../ports/flag-store.js';
import type { SessionLog } from '../ports/session-log.js';

const DAY_MS = 86_400_000;
const LOCK_KEY = 'retention:lock';

/**
 * MOD6 and PRIV4: flag excerpts go after FLAG_RETENTION_DAYS, session metadata after
 * SESSION_RETENTION_DAYS. Every node calls `maybeRun` periodically; a lock in the state backend
 * lets one node a period do it.
 */
export class Retention {
  constructor(
    private readonly flags: Pick<FlagStore, 'purgeExcerpts'>,
    private readonly sessions: Pick<SessionLog, 'purge'>,
    private readonly deadlines: Deadlines,
    private readonly days: { flags: number; sessions: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Run unless another node did within `periodMs`; returns what was deleted, or null when skipped. */
  async maybeRun(periodMs: number): Promise<{ excerpts: number; sessions: number } | null> {
    const now = this.now();
    // The lock is a deadline: the regular deadline poller removes it once it falls due.
    if (!(await this.deadlines.setIfAbsent(LOCK_KEY, now + periodMs))) return null;
    return this.run(now);
  }

  async run(now = this.now()): Promise<{ excerpts: number; sessions: number }> {
    const excerpts = await this.flags.purgeExcerpts(new Date(now - this.days.flags * DAY_MS));
    const sessions = await this.sessions.purge(new Date(now - this.days.sessions * DAY_MS));
    return { excerpts, sessions };
  }
}
