import type { Redis } from 'ioredis';
import type { AppendBudget, AppendResult, BudgetRefusal, LiveHistory, MessageCounts, MessageDraft, Writer } from '../../core/ports/live-history.js';
import type { Message } from '../../protocol/messages.js';
import { script, type Script } from './scripts.js';
import type { StreamFanout } from './stream-fanout.js';
import { withFields } from '../../core/with-fields.js';
import { writerField } from '../../core/chat/access.js';

/** Live history expires at the latest this long after its first message, even if the end was lost. */
const SAFETY_TTL_MS = 24 * 3_600_000;

// KEYS: list of message JSON (index = seq - 1), hash of clientMsgId/messageId -> seq. ARGV: clientMsgId, messageId, json.
// Answers {seq, '', 0} for a new message (the caller has its JSON) and {seq, stored JSON, 1} for a
// duplicate. `spend` runs once the message is known to be new, `andThen` after it is appended, with
// `seq` set.
const appendLua = (spend = '', andThen = '') => `
local known = redis.call('HGET', KEYS[2], 'c:' .. ARGV[1])
if known then
  local stored = redis.call('LINDEX', KEYS[1], tonumber(known) - 1)
  if stored then return {tonumber(known), stored, 1} end
end
${spend}
local seq = redis.call('RPUSH', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], 'c:' .. ARGV[1], seq, 'm:' .. ARGV[2], seq)
-- A safety expiry, set with the first message, so history never outlives a chat whose end was lost
-- (an end sets a shorter one).
if seq == 1 then
  redis.call('PEXPIRE', KEYS[1], ${SAFETY_TTL_MS})
  redis.call('PEXPIRE', KEYS[2], ${SAFETY_TTL_MS})
end
${andThen}
return {seq, '', 0}`;
const APPEND = appendLua();

// Spends one point of the writer's budget (SEC2): KEYS[key] counts their appends in a fixed window
// that begins with the first; ARGV[arg] the points, ARGV[arg + 1] the window in ms. Over it, nothing
// is stored: {0, '', 2, ms until the window ends}. A count left without an expiry (by anything but
// this script) is given one rather than refusing for good.
const spendLua = (key: number, arg: number) => `
local spent = redis.call('INCR', KEYS[${key}])
if spent == 1 then redis.call('PEXPIRE', KEYS[${key}], ARGV[${arg + 1}]) end
if spent > tonumber(ARGV[${arg}]) then
  local left = redis.call('PTTL', KEYS[${key}])
  if left < 0 then
    redis.call('PEXPIRE', KEYS[${key}], ARGV[${arg + 1}])
    left = tonumber(ARGV[${arg + 1}])
  end
  return {0, '', 2, left}
end`;

// APPEND, only while the session (KEYS[3], as RedisMatchStore writes it) is active with the writer
// in it: ARGV[4] the writer's field as the session JSON holds it (`"seekerId":"<id>"`, writerMark).
// Nil when it is not.
// The session JSON is searched, not decoded (a message's hot path): JSON as RedisMatchStore writes
// it has no spaces, and a quote inside a string value is escaped, so '"status":"active"' can only be
// the field itself.
const ifLive = (append: string) => `
local raw = redis.call('GET', KEYS[3])
if not raw then return false end
if not string.find(raw, '"status":"active"', 1, true) or not string.find(raw, ARGV[4], 1, true) then return false end
${append}`;
const APPEND_IF_LIVE = ifLive(APPEND);
// APPEND_IF_LIVE spending from the budget KEYS[4]: ARGV[5] points, ARGV[6] window ms.
const APPEND_IF_LIVE_SPENDING = ifLive(appendLua(spendLua(4, 5)));

/** A Lua string literal: bytes outside printable ASCII, quotes and backslashes as decimal escapes. */
const luaString = (s: string): string =>
  `"${[...Buffer.from(s, 'utf8')].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`)).join('')}"`;

// APPEND_IF_LIVE that also publishes the new message (with its seq, as the last field) to the
// Socket.IO adapter's stream KEYS[4] (StreamFanout): ARGV[5] the session id. What the node writes
// alike for every message (its adapter uid, the entry's nsp, type, the room's prefix and the packet
// around the message) is part of the script, not sent with each message (SPEC P1). `spend` as
// appendLua takes it.
const appendIfLivePublish = (f: StreamFanout, spend = '') =>
  ifLive(
    appendLua(
      spend,
      `
local message = string.sub(ARGV[3], 1, -2) .. ',"seq":' .. seq .. '}'
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ${Math.floor(f.maxLen)}, '*', 'uid', ${luaString(f.uid)}, 'nsp', ${luaString(f.nsp)}, 'type', ${luaString(f.type)}, 'room', ${luaString(f.roomPrefix)} .. ARGV[5], 'data', ${luaString(f.packet.before)} .. message .. ${luaString(f.packet.after)})`,
    ),
  );

// KEYS: ids hash, hidden set, list. ARGV: messageId. The hidden set inherits the list's expiry.
const HIDE = `
local seq = redis.call('HGET', KEYS[1], 'm:' .. ARGV[1])
if not seq then return 0 end
redis.call('SADD', KEYS[2], seq)
local ttl = redis.call('PTTL', KEYS[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1`;

// KEYS: list, ids, hidden. ARGV: ttl ms. All three expire together; answers {seeker, specialist},
// each side's visible messages. The JSON is searched, not decoded: as the appends store it (no
// spaces, quotes inside strings escaped), '"sender":"seeker"' can only be the field itself.
const EXPIRE = `
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
local hidden = {}
for _, seq in ipairs(redis.call('SMEMBERS', KEYS[3])) do hidden[tonumber(seq)] = true end
local seeker, specialist = 0, 0
for i, raw in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if not hidden[i] then
    if string.find(raw, '"sender":"seeker"', 1, true) then seeker = seeker + 1
    elseif string.find(raw, '"sender":"specialist"', 1, true) then specialist = specialist + 1 end
  end
end
return {seeker, specialist}`;

/**
 * Cluster-wide LiveHistory. Appends are one Lua script, so seq numbers are gapless and clientMsgId
 * deduplication is atomic however many nodes append at once. The seq is the list position.
 */
export class RedisLiveHistory implements LiveHistory {
  private readonly appendScript: Script;
  private readonly appendIfLiveScript: Script;
  private readonly appendIfLiveSpendingScript: Script;
  /** Set by publishTo: the stream appends publish to, and the scripts that do it (without and with a budget). */
  private publish: { fanout: StreamFanout; script: Script; spending: Script } | null = null;
  private readonly hideScript: Script;
  private readonly expireScript: Script;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.appendScript = script(redis, 2, APPEND);
    this.appendIfLiveScript = script(redis, 3, APPEND_IF_LIVE);
    this.appendIfLiveSpendingScript = script(redis, 4, APPEND_IF_LIVE_SPENDING);
    this.hideScript = script(redis, 3, HIDE);
    this.expireScript = script(redis, 3, EXPIRE);
  }

  async append(draft: MessageDraft): Promise<AppendResult> {
    const { clientMsgId } = draft;
    const fields = storedFields(draft);
    const k = this.keys(draft.sessionId);
    // Without a budget, nothing is refused.
    return toResult(await this.appendScript(k.list, k.ids, clientMsgId, fields.id, JSON.stringify(fields)), fields) as AppendResult;
  }

  /**
   * From now on, appendIfLive also publishes each new message to the other nodes (StreamFanout):
   * its result says `published`, and the caller delivers to this node's connections only.
   */
  publishTo(fanout: StreamFanout): void {
    // The budget's key is KEYS[5], its points and window ARGV[6] and ARGV[7].
    this.publish = { fanout, script: script(this.redis, 4, appendIfLivePublish(fanout)), spending: script(this.redis, 5, appendIfLivePublish(fanout, spendLua(5, 6))) };
  }

  appendIfLive(draft: MessageDraft, writer: Writer): Promise<AppendResult | null>;
  appendIfLive(draft: MessageDraft, writer: Writer, budget: AppendBudget): Promise<AppendResult | BudgetRefusal | null>;
  async appendIfLive(draft: MessageDraft, writer: Writer, budget?: AppendBudget): Promise<AppendResult | BudgetRefusal | null> {
    const { clientMsgId } = draft;
    const fields = storedFields(draft);
    const k = this.keys(draft.sessionId);
    const mark = writerMark(writer);
    const session = `${this.prefix}sess:${draft.sessionId}`;
    const json = JSON.stringify(fields);
    const p = this.publish;
    let reply: unknown;
    if (!p) {
      reply = budget
        ? await this.appendIfLiveSpendingScript(k.list, k.ids, session, this.budgetKey(budget), clientMsgId, fields.id, json, mark, budget.points, budget.windowMs)
        : await this.appendIfLiveScript(k.list, k.ids, session, clientMsgId, fields.id, json, mark);
    } else {
      reply = budget
        ? await p.spending(k.list, k.ids, session, p.fanout.stream, this.budgetKey(budget), clientMsgId, fields.id, json, mark, draft.sessionId, budget.points, budget.windowMs)
        : await p.script(k.list, k.ids, session, p.fanout.stream, clientMsgId, fields.id, json, mark, draft.sessionId);
    }
    return reply === null ? null : toResult(reply, fields, p !== null);
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

  async expire(sessionId: string, ttlMs: number): Promise<MessageCounts> {
    const k = this.keys(sessionId);
    const ms = Math.max(1, Math.round(ttlMs));
    const [seeker, specialist] = (await this.expireScript(k.list, k.ids, k.hidden, ms)) as [number, number];
    return { seeker, specialist };
  }

  /** Where a budget's count lives: short-lived (its window), named by the writer's identity as the rate limits are. */
  private budgetKey(budget: AppendBudget): string {
    return `${this.prefix}sent:${budget.key}`;
  }

  private keys(sessionId: string) {
    const base = `${this.prefix}hist:{${sessionId}}`;
    return { list: `${base}:msgs`, ids: `${base}:ids`, hidden: `${base}:hidden` };
  }
}

/** The writer's field as the session JSON holds it, `"seekerId":"<id>"`: what the append looks for. */
const writerMark = (writer: Writer): string => {
  const [field, id] = writerField(writer);
  return `"${field}":${JSON.stringify(id)}`;
};

/**
 * A new message is the caller's own fields with its seq (`published` if the script published it); a
 * duplicate is the one stored first; a refusal says when the budget's window ends.
 */
const toResult = (reply: unknown, fields: Omit<Message, 'seq'>, published = false): AppendResult | BudgetRefusal => {
  const [seq, raw, outcome, left] = reply as [number, string, number, number?];
  if (outcome === 0) return { message: withFields(fields, { seq }), duplicate: false, published };
  if (outcome === 2) return { refused: true, retryAfterMs: left! };
  return { message: withFields(JSON.parse(raw) as Omit<Message, 'seq'>, { seq }), duplicate: true };
};

/**
 * What is stored of a message: the draft without its clientMsgId (and any seq), field by field (a
 * rest pattern takes V8's slow path, on every message; SPEC P1).
 */
const storedFields = (d: MessageDraft): Omit<Message, 'seq'> => ({ id: d.id, sessionId: d.sessionId, sender: d.sender, text: d.text, sentAt: d.sentAt, redacted: d.redacted });
