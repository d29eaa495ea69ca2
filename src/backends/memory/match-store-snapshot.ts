import { ENDED_SESSION_KEEP_MS } from '../../core/chat/matching.js';
import type { SessionRecord, SpecialistRecord } from '../../core/chat/types.js';
import { MemoryMatchStore } from './match-store.js';

/** What a snapshot keeps of the MatchStore; the queue, open chats and loads follow from it. */
export interface MatchState {
  sessions: SessionRecord[];
  specialists: SpecialistRecord[];
  matchTimes: number[];
}

/** MemoryMatchStore that can be saved and put back across a restart of its node (REL6). */
export class RestorableMatchStore extends MemoryMatchStore {
  dump(): MatchState {
    return {
      sessions: [...this.sessions.values()].map((s) => ({ ...s })),
      specialists: [...this.specialists.values()].map((s) => ({ ...s })),
      matchTimes: [...this.matchTimes],
    };
  }

  /**
   * Put back a saved state, into an empty store. The queue, each seeker's open chat and each
   * specialist's load are rebuilt from the sessions, so they cannot disagree with them. An ended
   * session is forgotten when it would have been.
   */
  load(state: MatchState, now: number): void {
    for (const spec of state.specialists) this.specialists.set(spec.staffId, { ...spec, active: 0 });
    for (const session of state.sessions) {
      const forgetIn = session.status === 'ended' ? (session.endedAt ?? 0) + ENDED_SESSION_KEEP_MS - now : Infinity;
      if (forgetIn <= 0) continue;
      this.sessions.set(session.id, { ...session });
      if (session.status === 'ended') {
        setTimeout(() => this.sessions.delete(session.id), forgetIn).unref();
        continue;
      }
      this.openBySeeker.set(session.seekerId, session.id);
      if (session.status === 'waiting') this.queue.add(session.id);
      const spec = session.status === 'active' && session.specialistId ? this.specialists.get(session.specialistId) : undefined;
      if (spec) spec.active += 1;
    }
    this.matchTimes.push(...[...state.matchTimes].sort((a, b) => a - b));
    this.version++;
  }
}
