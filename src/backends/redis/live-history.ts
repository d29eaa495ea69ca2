import type { Redis } from 'ioredis';
import type { AppendBudget, AppendResult, BudgetRefusal, LiveHistory, MessageCounts, MessageDraft, Writer } from '../../core/ports/live-history.js';
import type { Message } from '../../protocol/messages.js';
import { script, type Script } from './scripts.js';
import { messageEnvelopeHead } from '../../protocol/node-envelope.js';
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
// in it: ARGV[4] names the writer's field (seekerId or specialistId) and ARGV[5] its id. Nil when it
// is not. `append` may use KEYS and ARGV past these.
const ifLive = (append: string) => `
local raw = redis.call('GET', KEYS[3])
if not raw then return false end
local session = cjson.decode(raw)
if session.status ~= 'active' or session[ARGV[4]] ~= ARGV[5] then return false end
${append}`;

// Announces the new message to every node (MessageAnnouncer): a \`message\` envelope on Peerline's
// stream KEYS[4], ARGV[6] the envelope up to the message and ARGV[7] the window in ms, trimmed by
// time as it is added (PRIV1). One script stores and announces, so the other nodes get messages in
// seq order (CH1) and a message costs one round trip.
const ANNOUNCE = `
local message = string.sub(ARGV[3], 1, -2) .. ',"seq":' .. seq .. '}'
local t = redis.call('TIME')
local cutoff = string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[7]))
redis.call('XADD', KEYS[4], 'MINID', cutoff, '*', 'e', ARGV[6] .. message .. '}')`;

// Without and with announcing; with and without spending from the budget KEYS[5] (or KEYS[4] when
// nothing is announced): its points and window ms the last two ARGV.
const APPEND_IF_LIVE = ifLive(APPEND);
const APPEND_IF_LIVE_SPENDING = ifLive(appendLua(spendLua(4, 6)));
const APPEND_IF_LIVE_ANNOUNCING = ifLive(appendLua('', ANNOUNCE));
const APPEND_IF_LIVE_ANNOUNCING_SPENDING = ifLive(appendLua(spendLua(5, 8), ANNOUNCE));

// KEYS: ids hash, hidden set, list. ARGV: messageId. The hidden set inherits the list's expiry.
const HIDE = `
local seq = redis.call('HGET', KEYS[1], 'm:' .. ARGV[1])
if not seq then return 0 end
redis.call('SADD', KEYS[2], seq)
local ttl = redis.call('PTTL', KEYS[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1`;

// KEYS: list, ids, hidden. ARGV: ttl ms. All three expire together; answers {seeker, specialist},
// each side's visible messages.
const EXPIRE = `
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
local hidden = {}
for _, seq in ipairs(redis.call('SMEMBERS', KEYS[3])) do hidden[tonumber(seq)] = true end
local seeker, specialist = 0, 0
for i, raw in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if not hidden[i] then
    local sender = cjson.decode(raw).sender
    if sender == 'seeker' then seeker = seeker + 1
    elseif sender == 'specialist' then specialist = specialist + 1 end
  end
end
return {seeker, specialist}`;

/**
 * Where appends announce new messages to every node: Peerline's stream between nodes
 * (RedisEventStream), this node's id, and the window its entries are kept for.
 */
export interface MessageAnnouncer {
  stream: string;
  node: string;
  windowMs: number;
}

/**
 * Cluster-wide LiveHistory. Appends are one Lua script, so seq numbers are gapless and clientMsgId
 * deduplication is atomic however many nodes append at once. The seq is the list position. With an
 * announcer, appendIfLive also writes each new message to the nodes' stream in the same script.
 */
export class RedisLiveHistory implements LiveHistory {
  private readonly appendScript: Script;
  private readonly appendIfLiveScript: Script;
  private readonly appendIfLiveSpendingScript: Script;
  private readonly announcingScript: Script;
  private readonly announcingSpendingScript: Script;
  private readonly hideScript: Script;
  private readonly expireScript: Script;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly announcer?: MessageAnnouncer,
  ) {
    this.appendScript = script(redis, 2, APPEND);
    this.appendIfLiveScript = script(redis, 3, APPEND_IF_LIVE);
    this.appendIfLiveSpendingScript = script(redis, 4, APPEND_IF_LIVE_SPENDING);
    this.announcingScript = script(redis, 4, APPEND_IF_LIVE_ANNOUNCING);
    this.announcingSpendingScript = script(redis, 5, APPEND_IF_LIVE_ANNOUNCING_SPENDING);
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

  appendIfLive(draft: MessageDraft, writer: Writer): Promise<AppendResult | null>;
  appendIfLive(draft: MessageDraft, writer: Writer, budget: AppendBudget): Promise<AppendResult | BudgetRefusal | null>;
  async appendIfLive(draft: MessageDraft, writer: Writer, budget?: AppendBudget): Promise<AppendResult | BudgetRefusal | null> {
    const fields = storedFields(draft);
    const k = this.keys(draft.sessionId);
    const session = `${this.prefix}sess:${draft.sessionId}`;
    const args = [draft.clientMsgId, fields.id, JSON.stringify(fields), ...writerField(writer)];
    const spend = budget ? [budget.points, budget.windowMs] : [];
    const budgetKeys = budget ? [this.budgetKey(budget)] : [];
    const a = this.announcer;
    const reply = a
      ? await (budget ? this.announcingSpendingScript : this.announcingScript)(k.list, k.ids, session, a.stream, ...budgetKeys, ...args, messageEnvelopeHead(a.node, draft.sessionId), a.windowMs, ...spend)
      : await (budget ? this.appendIfLiveSpendingScript : this.appendIfLiveScript)(k.list, k.ids, session, ...budgetKeys, ...args, ...spend);
    return reply === null ? null : toResult(reply, fields);
  }

  async after(sessionId: string, afterSeq: number): Promise<Message[]> {
    const k = this.keys(sessionId);
    const start = Math.max(0, Math.floor(afterSeq));
    const [raws, hidden] = await Promise.all([this.redis.lrange(k.list, start, -1), this.redis.smembers(k.hidden)]);
    const hiddenSeqs = new Set(hidden.map(Number));
    return raws
      .map((raw, i) => ({ ...(JSON.parse(raw) as Omit<Message, 'seq'>), seq: start + i + 1 }))
      .filter((m) => !hiddenSeqs.has(m.seq));
  }

  async byClientId(sessionId: string, clientMsgId: string): Promise<Message | null> {
    const k = this.keys(sessionId);
    const seq = await this.redis.hget(k.ids, `c:${clientMsgId}`);
    if (seq === null) return null;
    const raw = await this.redis.lindex(k.list, Number(seq) - 1);
    return raw === null ? null : { ...(JSON.parse(raw) as Omit<Message, 'seq'>), seq: Number(seq) };
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

/**
 * A new message is the caller's own fields with its seq; a duplicate is the one stored first; a
 * refusal says when the budget's window ends.
 */
const toResult = (reply: unknown, fields: Omit<Message, 'seq'>): AppendResult | BudgetRefusal => {
  const [seq, raw, outcome, left] = reply as [number, string, number, number?];
  if (outcome === 0) return { message: { ...fields, seq }, duplicate: false };
  if (outcome === 2) return { refused: true, retryAfterMs: left! };
  return { message: { ...(JSON.parse(raw) as Omit<Message, 'seq'>), seq }, duplicate: true };
};

/** What is stored of a message: the draft without its clientMsgId (and any seq). */
const storedFields = (d: MessageDraft): Omit<Message, 'seq'> => ({ id: d.id, sessionId: d.sessionId, sender: d.sender, text: d.text, sentAt: d.sentAt, redacted: d.redacted });
