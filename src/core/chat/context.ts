import type { ChatEvents } from '../ports/chat-events.js';
import type { Deadlines } from '../ports/deadlines.js';
import type { LiveHistory } from '../ports/live-history.js';
import type { MatchStore } from '../ports/match-store.js';
import type { Presence } from '../ports/presence.js';
import type { MessageBudget } from '../ports/rate-limiter.js';
import type { ModerationPipeline } from '../moderation/pipeline.js';
import type { MetadataBuffer } from './metadata-buffer.js';

export interface ChatTimings {
  /** CH7: a disconnected seeker's active chat ends after this. */
  seekerGraceMs: number;
  /** CH7: a disconnected specialist's seekers are re-queued after this. */
  specialistGraceMs: number;
  /** CH8: a disconnected waiting seeker keeps their place this long. */
  queueGraceMs: number;
  /** CH4: live history is deleted this long after the chat ends (at most 10 minutes). */
  historyKeepMs: number;
}

/** Everything the chat services share: ports and settings. */
export interface ChatContext {
  store: MatchStore;
  history: LiveHistory;
  deadlines: Deadlines;
  presence: Presence;
  events: ChatEvents;
  metadata: MetadataBuffer;
  /** Every message passes this before it is stored and delivered (MOD1). */
  pipeline: Pick<ModerationPipeline, 'run'> & Partial<Pick<ModerationPipeline, 'usesRecent' | 'undelivered'>>;
  /**
   * The message budget of an identity (its actor key), shared by all its sockets on every node
   * (SEC2): the live history's append spends from it.
   */
  messageBudget: (identity: string) => MessageBudget;
  timings: ChatTimings;
  /** SEC1: what a seeker may ask for: topic ids of the catalog, LANGUAGES (lower case). */
  choices: { topics: ReadonlySet<string>; languages: ReadonlySet<string> };
  now: () => number;
  /** Metric callbacks; no-ops by default. */
  observe?: {
    matched?(waitMs: number): void;
    decided?(decisionMs: number): void;
    timerFailed?(key: string, err: unknown): void;
    followUpFailed?(err: unknown): void;
    delivered?(latencyMs: number): void;
  };
}
