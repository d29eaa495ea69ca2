import type { Redis } from 'ioredis';
import type { EndedBy, QueueStats, RequeueReason, SessionRecord, SpecialistRecord } from '../../core/chat/types.js';
import { writerField } from '../../core/chat/access.js';
import type { Writer } from '../../core/ports/live-history.js';
import type { EndOutcome, MatchStore, RequestOutcome } from '../../core/ports/match-store.js';
import { ENDED_SESSION_KEEP_MS, MATCH_SCAN } from '../../core/chat/matching.js';
import { END, END_AND_MATCH, MATCH, POSITIONS, RATE, REQUEST, REQUEST_AND_MATCH, REQUEUE, SET_AWAY, SET_FLAG, SET_HANDOVER, START_SHIFT } from './match-scripts.js';
import { script, type Script } from './scripts.js';
import { arrivals, requestFields, type Arrival } from './arrivals.js';


const SCRIPTS = { plRequest: REQUEST, plMatch: MATCH, plEnd: END, plRequestAndMatch: REQUEST_AND_MATCH, plEndAndMatch: END_AND_MATCH, plRequeue: REQUEUE, plRate: RATE, plStartShift: START_SHIFT, plSetFlag: SET_FLAG, plPositions: POSITIONS, plSetHandover: SET_HANDOVER };
type ScriptName = keyof typeof SCRIPTS;

const toSession = (raw: string): SessionRecord => JSON.parse(raw) as SessionRecord;
/** Lua's cjson writes an empty array as {}: give topics back as an array. */
const toSpecialist = (raw: string): SpecialistRecord => {
  const spec = JSON.parse(raw) as SpecialistRecord;
  if (!Array.isArray(spec.topics)) spec.topics = [];
  return spec;
};
const orNull = <T>(raw: unknown, parse: (s: string) => T): T | null => (typeof raw === 'string' ? parse(raw) : null);

/** Cluster-wide MatchStore: every change is one Lua script, so nodes never double-assign (MQ9). */
export class RedisMatchStore implements MatchStore {
  private readonly scripts: Record<ScriptName, Script>;
  private readonly arrive: (arrival: Arrival) => Promise<RequestOutcome>;
  private readonly setAwayScript: Script;
  /** The on-shift count read for the calls of one event-loop turn (see onShift). */
  private onShiftRead: Promise<number> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.scripts = Object.fromEntries(Object.entries(SCRIPTS).map(([name, lua]) => [name, script(redis, 0, lua)])) as Record<ScriptName, Script>;
    this.arrive = arrivals((...args) => this.run('plRequestAndMatch', ...args), { session: toSession, specialist: toSpecialist });
    this.setAwayScript = script(redis, 1, SET_AWAY);
  }

  async request(session: SessionRecord) {
    const [created, raw] = (await this.run('plRequest', JSON.stringify(session), ...requestFields(session))) as [number, string];
    return { session: toSession(raw), created: created === 1 };
  }

  async match(now: number) {
    return ((await this.run('plMatch', now, MATCH_SCAN)) as string[]).map(toSession);
  }

  async end(sessionId: string, endedBy: EndedBy, reason: string, now: number) {
    return orNull(await this.run('plEnd', sessionId, endedBy, reason, now, ENDED_SESSION_KEEP_MS), toSession);
  }

  /** Arrivals of the same turn share one script call (arrivals.ts). */
  requestAndMatch(session: SessionRecord, now: number, since: number) {
    return this.arrive({ session, now, since });
  }

  async endAndMatch(sessionId: string, endedBy: EndedBy, reason: string, now: number, by?: Writer): Promise<EndOutcome> {
    const participant = by ? writerField(by) : [];
    const [ended, matched, specs, refused] = (await this.run('plEndAndMatch', sessionId, endedBy, reason, now, ENDED_SESSION_KEEP_MS, MATCH_SCAN, ...participant)) as [string | null, string[], string[], string];
    return { ended: orNull(ended, toSession), matched: matched.map(toSession), specialists: specs.map(toSpecialist), refused: refused === 'not_found' || refused === 'ended' ? refused : null };
  }

  async requeue(sessionId: string, reason: RequeueReason, now: number, expectedStaffId: string, note: string | null = null) {
    return orNull(await this.run('plRequeue', sessionId, reason, now, expectedStaffId, note ?? ''), toSession);
  }

  async setHandover(sessionId: string, shared: boolean) {
    return orNull(await this.run('plSetHandover', sessionId, shared ? '1' : '0'), toSession);
  }

  async queued(limit: number) {
    const ids = await this.redis.zrange(this.key('queue'), '0', String(limit - 1));
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key(`sess:${id}`)));
    return raws.flatMap((raw) => (raw ? [toSession(raw)] : [])).filter((s) => s.status === 'waiting');
  }

  async get(sessionId: string) {
    return orNull(await this.redis.get(this.key(`sess:${sessionId}`)), toSession);
  }

  async rate(sessionId: string, rating: number, feedback: string | null) {
    return orNull(await this.run('plRate', sessionId, rating, feedback ?? ''), toSession);
  }

  async openSessionOf(seekerId: string) {
    const id = await this.redis.get(this.key(`open:${seekerId}`));
    const session = id ? await this.get(id) : null;
    return session && session.status !== 'ended' ? session : null;
  }

  async sessionsOf(staffId: string) {
    const ids = await this.redis.smembers(this.key(`spec:${staffId}:sessions`));
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key(`sess:${id}`)));
    return raws.flatMap((raw) => (raw ? [toSession(raw)] : [])).filter((s) => s.status === 'active' && s.specialistId === staffId);
  }

  async setAway(sessionId: string, away: boolean) {
    return orNull(await this.setAwayScript(this.key(`sess:${sessionId}`), away ? '1' : '0'), toSession);
  }

  async position(sessionId: string) {
    const rank = await this.redis.zrank(this.key('queue'), sessionId);
    return rank === null ? null : rank + 1;
  }

  async positions(sessionIds: readonly string[]) {
    if (sessionIds.length === 0) return [];
    const ranks = (await this.run('plPositions', ...sessionIds)) as number[];
    return ranks.map((rank) => (rank < 0 ? null : rank + 1));
  }

  async stats(): Promise<QueueStats> {
    const [waiting, onShift, ids] = await Promise.all([
      this.redis.zcard(this.key('queue')),
      this.redis.scard(this.key('spec:onshift')),
      this.redis.zrange(this.key('queue'), '0', '999'),
    ]);
    const byTopic: Record<string, number> = {};
    if (ids.length) {
      for (const raw of await this.redis.mget(ids.map((id) => this.key(`sess:${id}`)))) {
        const topic = raw ? (toSession(raw).topic ?? 'none') : undefined;
        if (topic) byTopic[topic] = (byTopic[topic] ?? 0) + 1;
      }
    }
    return { waiting, onShift, byTopic };
  }

  /**
   * Every acknowledged chat:request carries the count (MQ7): the calls of one event-loop turn (a
   * burst's arrivals) share one SCARD, sent after the last of them, so none reads a count older
   * than its own call.
   */
  onShift() {
    this.onShiftRead ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.onShiftRead = undefined;
      return this.redis.scard(this.key('spec:onshift'));
    });
    return this.onShiftRead;
  }

  async startShift(spec: Omit<SpecialistRecord, 'active' | 'onShift' | 'connected' | 'lastAssignedAt'>, now: number) {
    return toSpecialist((await this.run('plStartShift', JSON.stringify(spec), now)) as string);
  }

  async endShift(staffId: string) {
    return orNull(await this.run('plSetFlag', staffId, 'onShift', '0'), toSpecialist);
  }

  async setConnected(staffId: string, connected: boolean) {
    return orNull(await this.run('plSetFlag', staffId, 'connected', connected ? '1' : '0'), toSpecialist);
  }

  async specialist(staffId: string) {
    return orNull(await this.redis.get(this.key(`spec:${staffId}`)), toSpecialist);
  }

  async routedSpecialists() {
    const ids = await this.redis.smembers(this.key('spec:all'));
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key(`spec:${id}`)));
    return raws.flatMap((raw) => (raw ? [toSpecialist(raw)] : [])).filter((s) => s.onShift || s.active > 0).map((s) => s.staffId);
  }

  async matchesSince(since: number) {
    return this.redis.zcount(this.key('matches'), String(since), '+inf');
  }

  async queueVersion() {
    return Number((await this.redis.get(this.key('queue:ver'))) ?? 0);
  }

  private run(name: ScriptName, ...args: (string | number)[]): Promise<unknown> {
    return this.scripts[name](this.prefix, ...args);
  }

  private key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }
}
