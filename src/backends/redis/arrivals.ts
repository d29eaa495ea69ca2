import DataLoader from 'dataloader';
import type { SessionRecord, SpecialistRecord } from '../../core/chat/types.js';
import type { RequestOutcome } from '../../core/ports/match-store.js';
import { MATCH_SCAN } from '../../core/chat/matching.js';

export interface Arrival {
  session: SessionRecord;
  now: number;
  since: number;
}

/** What REQUEST_AND_MATCH answers (match-scripts.ts): per arrival its outcome, or -1 and its error. */
type Reply = [asked: ([created: 0 | 1, raw: string | null, rank: number] | [failed: -1, error: string])[], matched: string[], recent: number, specs: string[]];

/**
 * Arrivals in one script call (at most this many): Redis runs a call's arrivals one after the
 * other with nothing between them, so this bounds how long one call holds it.
 */
export const ARRIVALS_PER_CALL = 200;

/** What the request scripts read of a new session, beside its JSON (REQUEST_FN in match-scripts). */
export const requestFields = (s: SessionRecord) => [s.id, s.seekerId, s.status, s.priority, s.requestedAt, s.queuedAt];

/**
 * Seekers' arrivals gathered over a turn of the event loop and sent as one script call (SPEC P4):
 * under a burst, the requests read from many client sockets in one poll share one queueing step
 * and one matching decision, where each made its own call (its command, its reply, and in Redis
 * its own script run and decision). A lone arrival leaves at the end of its turn, as its command's
 * write would anyway. Arrivals are queued in the order they came (MQ2); the matches of the call,
 * and the specialists it changed, go to the first arrival's outcome only (the first that has
 * one), so they are announced once. An arrival that fails in the script fails alone; a call that fails (Redis unreachable)
 * fails every arrival in it.
 */
export function arrivals(
  run: (...args: (string | number)[]) => Promise<unknown>,
  parse: { session: (raw: string) => SessionRecord; specialist: (raw: string) => SpecialistRecord },
): (arrival: Arrival) => Promise<RequestOutcome> {
  const send = async (batch: readonly Arrival[]): Promise<(RequestOutcome | Error)[]> => {
    let now = 0;
    let since = 0;
    const args: (string | number)[] = [];
    for (const a of batch) {
      now = Math.max(now, a.now);
      since = Math.max(since, a.since);
      args.push(JSON.stringify(a.session), ...requestFields(a.session));
    }
    const [asked, matched, recent, specs] = (await run(now, MATCH_SCAN, since, ...args)) as Reply;
    // The call's matches are told with the first arrival that has an outcome.
    const teller = asked.findIndex((answer) => answer[0] !== -1);
    return batch.map(({ session }, i) => {
      const answer = asked[i]!;
      if (answer[0] === -1) return new Error(`chat:request failed in Redis: ${answer[1]}`);
      const [created, raw, rank] = answer;
      return {
        session: raw === null ? session : parse.session(raw),
        created: created === 1,
        matched: i === teller ? matched.map(parse.session) : [],
        position: rank < 0 ? null : rank + 1,
        recentMatches: recent,
        specialists: i === teller ? specs.map(parse.specialist) : [],
      };
    });
  };
  const loader = new DataLoader<Arrival, RequestOutcome>(send, {
    cache: false,
    maxBatchSize: ARRIVALS_PER_CALL,
    batchScheduleFn: (callback) => setImmediate(callback),
  });
  return (arrival) => loader.load(arrival);
}
