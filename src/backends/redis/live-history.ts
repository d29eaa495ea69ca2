import type { Redis } from 'ioredis';
import type { AppendResult, LiveHistory, MessageDraft, Writer } from '../../core/ports/live-history.js';
import type { Message } from '../../protocol/messages.js';
import { script, type Script } from './scripts.js';
import type { StreamFanout } from './stream-fanout.js';
import { withFields } from '../../core/with-fields.js';
import { writerField } from '../../core/chat/access.js';

// KEYS: list of message JSON (index = seq - 1), hash of clientMsgId/messageId -> seq. ARGV: clientMsgId, messageId, json, safety ttl.
// Answers {seq, '', 0} for a new message (the caller has its JSON) and {seq, stored JSON, 1} for a
// duplicate. `andThen` runs after a new append, with `seq` set.
const appendLua = (andThen = '') => `
local known = redis.call('HGET', KEYS[2], 'c:' .. ARGV[1])
if known then
  local stored = redis.call('LINDEX', KEYS[1], tonumber(known) - 1)
  if stored then return {tonumber(known), stored, 1} end
end
local seq = redis.call('RPUSH', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], 'c:' .. ARGV[1], seq, 'm:' .. ARGV[2], seq)
-- A safety expiry, so history never outlives a chat whose end was lost (an end sets a shorter one).
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
${andThen}
return {seq, '', 0}`;
const APPEND = appendLua();

// APPEND, only while the session (KEYS[3], as RedisMatchStore writes it) is active with the writer
// in it: ARGV[5] 'seekerId' or 'specialistId', ARGV[6] their id. Nil when it is not.
// The session JSON is searched, not decoded (a message's hot path): JSON as RedisMatchStore writes
// it has no spaces, and a quote inside a string value is escaped, so '"status":"active"' can only be
// the field itself.
const ifLive = (append: string) => `
local raw = redis.call('GET', KEYS[3])
if not raw then return false end
if not string.find(raw, '"status":"active"', 1, true) or not string.find(raw, '"' .. ARGV[5] .. '":"' .. ARGV[6] .. '"', 1, true) then return false end
${append}`;
const APPEND_IF_LIVE = ifLive(APPEND);

// APPEND_IF_LIVE that also publishes the new message (with its seq, as the last field) to the
// Socket.IO adapter's stream KEYS[4] (StreamFanout): ARGV[7] maxLen, ARGV[8..10] uid, nsp, type,
// ARGV[11..12] what goes before and after the message in the entry's data.
const APPEND_IF_LIVE_PUBLISH = ifLive(
  appendLua(`
local message = string.sub(ARGV[3], 1, -2) .. ',"seq":' .. seq .. '}'
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], '*', 'uid', ARGV[8], 'nsp', ARGV[9], 'type', ARGV[10], 'data', ARGV[11] .. message .. ARGV[12])`),
);

/** Live history expires at the latest this long after its first message, even if the end was lost. */
const SAFETY_TTL_MS = 24 * 3_600_000;

// KEYS: ids hash, hidden set, list. ARGV: messageId. The hidden set inherits the list's expiry.
const HIDE = `
local seq = redis.call('HGET', KEYS[1], 'm:' .. ARGV[1])
if not seq then return 0 end
redis.call('SADD', KEYS[2], seq)
local ttl = redis.call('PTTL', KEYS[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1`;

// KEYS: list, ids, hidden. ARGV: ttl ms. All three expire together.
const EXPIRE = `
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
return 1`;

/**
 * Cluster-wide LiveHistory. Appends are one Lua script, so seq numbers are gapless and clientMsgId
 * deduplication is atomic however many nodes append at once. The seq is the list position.
 */
export class RedisLiveHistory implements LiveHistory {
  private readonly appendScript: Script;
  private readonly appendIfLiveScript: Script;
  private readonly appendIfLivePublishScript: Script;
  private fanout: StreamFanout | null = null;
  private readonly hideScript: Script;
  private readonly expireScript: Script;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.appendScript = script(redis, 'plHistoryAppend', 2, APPEND);
    this.appendIfLiveScript = script(redis, 'plHistoryAppendIfLive', 3, APPEND_IF_LIVE);
    this.appendIfLivePublishScript = script(redis, 'plHistoryAppendIfLivePublish', 4, APPEND_IF_LIVE_PUBLISH);
    this.hideScript = script(redis, 'plHistoryHide', 3, HIDE);
    this.expireScript = script(redis, 'plHistoryExpire', 3, EXPIRE);
  }

  async append(draft: MessageDraft): Promise<AppendResult> {
    const { clientMsgId, seq: _ignored, ...fields } = draft as MessageDraft & { seq?: number };
    const k = this.keys(draft.sessionId);
    return toResult(await this.appendScript(k.list, k.ids, clientMsgId, fields.id, JSON.stringify(fields), SAFETY_TTL_MS), fields);
  }

  /**
   * From now on, appendIfLive also publishes each new message to the other nodes (StreamFanout):
   * its result says `published`, and the caller delivers to this node's connections only.
   */
  publishTo(fanout: StreamFanout): void {
    this.fanout = fanout;
  }

  async appendIfLive(draft: MessageDraft, writer: Writer): Promise<AppendResult | null> {
    const { clientMsgId, seq: _ignored, ...fields } = draft as MessageDraft & { seq?: number };
    const k = this.keys(draft.sessionId);
    const [field, id] = writerField(writer);
    const args = [clientMsgId, fields.id, JSON.stringify(fields), SAFETY_TTL_MS, field, id];
    const f = this.fanout;
    if (!f) {
      const reply = await this.appendIfLiveScript(k.list, k.ids, `${this.prefix}sess:${draft.sessionId}`, ...args);
      return reply === null ? null : toResult(reply, fields);
    }
    const reply = await this.appendIfLivePublishScript(k.list, k.ids, `${this.prefix}sess:${draft.sessionId}`, f.stream, ...args, f.maxLen, f.uid, f.nsp, f.type, ...f.wrap(draft.sessionId));
    if (reply === null) return null;
    const result = toResult(reply, fields);
    return result.duplicate ? result : withFields(result, { published: true });
  }

  async after(sessionId: string, afterSeq: number): Promise<Message[]> {
    const k = this.keys(sessionId);
    const start = Math.max(0, Math.floor(afterSeq));
    const [raws, hidden] = await Promise.all([this.redis.lrange(k.list, start, -1), this.redis.smembers(k.hidden)]);
    const hiddenSeqs = new Set(hidden.map(Number));
    return raws
      .map((raw, i) => withFields(JSON.parse(raw) as Omit<Message, 'seq'>, { seq: start + i + 1 }))
      .filter((m) => !hiddenSeqs.has(m.seq));
  }

  async byClientId(sessionId: string, clientMsgId: string): Promise<Message | null> {
    const k = this.keys(sessionId);
    const seq = await this.redis.hget(k.ids, `c:${clientMsgId}`);
    if (seq === null) return null;
    const raw = await this.redis.lindex(k.list, Number(seq) - 1);
    return raw === null ? null : withFields(JSON.parse(raw) as Omit<Message, 'seq'>, { seq: Number(seq) });
  }

  async recent(sessionId: string, count: number): Promise<Message[]> {
    const k = this.keys(sessionId);
    const length = await this.redis.llen(k.list);
    // Read a little more than asked, in case some of the last ones are hidden.
    const visibleOnes = await this.after(sessionId, Math.max(0, length - count - 10));
    return visibleOnes.slice(-count);
  }

  async hide(sessionId: string, messageId: string): Promise<boolean> {
    const k = this.keys(sessionId);
    return (await this.hideScript(k.ids, k.hidden, k.list, messageId)) === 1;
  }

  async expire(sessionId: string, ttlMs: number): Promise<void> {
    const k = this.keys(sessionId);
    const ms = Math.max(1, Math.round(ttlMs));
    await this.expireScript(k.list, k.ids, k.hidden, ms);
  }

  private keys(sessionId: string) {
    const base = `${this.prefix}hist:{${sessionId}}`;
    return { list: `${base}:msgs`, ids: `${base}:ids`, hidden: `${base}:hidden` };
  }
}

/** A new message is the caller's own fields with its seq; a duplicate is the one stored first. */
const toResult = (reply: unknown, fields: Omit<Message, 'seq'>): AppendResult => {
  const [seq, raw, duplicate] = reply as [number, string, number];
  if (duplicate !== 1) return { message: withFields(fields, { seq }), duplicate: false };
  return { message: withFields(JSON.parse(raw) as Omit<Message, 'seq'>, { seq }), duplicate: true };
};
