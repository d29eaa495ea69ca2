// Lua for RedisMatchStore. Every script gets the key prefix as ARGV[1] (but SET_AWAY, which touches
// one key it is given in KEYS); each runs atomically (MQ9).
// Keys (under the prefix): sess:<id> JSON (away: true while its seeker has no connection, MQ10),
// queue ZSET, open:<seekerId>, spec:<staffId> JSON, spec:ready ZSET (routable specialists in MQ3
// order), spec:onshift SET, spec:<staffId>:sessions SET, matches ZSET, queue:ver.

import { EARLIER_PARTS_KEPT } from '../../core/chat/types.js';
import { MATCH_FN } from './match-decision-lua.js';

const COMMON = `
local P = ARGV[1]
local function getj(k) local raw = redis.call('GET', k) if raw then return cjson.decode(raw) end return nil end
local function isnull(v) return v == nil or v == cjson.null end
local function routable(sp) return sp.onShift and sp.connected and sp.active < sp.capacity end
-- MQ3 as a score: load (active/capacity in 60ths, exact for capacities 1 to 5), then longest idle.
local function readyScore(sp) return math.floor(sp.active * 60 / sp.capacity) * 1e13 + sp.lastAssignedAt end
-- Specialists a script changed, for the ones that answer with them (each one's shift:update), and
-- what the shift:update of each one whose seat it freed said before (release): one whose seat was
-- freed and taken again in the same call has nothing new to say. Any other touched specialist was
-- matched, so changed.
-- A saved specialist's JSON is kept (saved[id]) for the answer, so it is encoded once per save.
local touched, touchedIds, before, saved = {}, {}, {}, {}
local function shiftOf(sp) return tostring(sp.onShift) .. ':' .. sp.capacity .. ':' .. sp.active end
local function saveSpec(sp)
  if not touched[sp.staffId] then touchedIds[#touchedIds + 1] = sp.staffId end
  touched[sp.staffId] = sp
  saved[sp.staffId] = cjson.encode(sp)
  redis.call('SET', P .. 'spec:' .. sp.staffId, saved[sp.staffId])
  if routable(sp) then redis.call('ZADD', P .. 'spec:ready', readyScore(sp), sp.staffId) else redis.call('ZREM', P .. 'spec:ready', sp.staffId) end
  if sp.onShift or sp.active > 0 then redis.call('SADD', P .. 'spec:all', sp.staffId) else redis.call('SREM', P .. 'spec:all', sp.staffId) end
end
local function touchedSpecs()
  local out = {}
  for _, id in ipairs(touchedIds) do
    if before[id] ~= shiftOf(touched[id]) then out[#out + 1] = saved[id] end
  end
  return out
end
local function score(s) if s.priority == 1 then return s.requestedAt - 1e13 end return s.queuedAt end
local function bump() redis.call('INCR', P .. 'queue:ver') end
local function release(s)
  if redis.call('ZREM', P .. 'queue', s.id) == 1 then bump() end
  if s.status == 'active' and not isnull(s.specialistId) then
    local sp = getj(P .. 'spec:' .. s.specialistId)
    if sp then
      if before[sp.staffId] == nil then before[sp.staffId] = shiftOf(sp) end
      sp.active = math.max(0, sp.active - 1)
      saveSpec(sp)
    end
    redis.call('SREM', P .. 'spec:' .. s.specialistId .. ':sessions', s.id)
  end
end
`;

// Queue a session unless the seeker has an open one → created (0|1), the session's JSON, and the
// session (decoded if it was the open one; else its id and status). The new session comes as JSON
// to store plus, from ARGV[i] on, the fields the script needs (id, seekerId, status, priority,
// requestedAt, queuedAt): decoding it took longer than everything else a request does here.
const REQUEST_FN = `
local function requestOne(json, i)
  local id, seekerId = ARGV[i], ARGV[i + 1]
  local openId = redis.call('GET', P .. 'open:' .. seekerId)
  if openId then
    local raw = redis.call('GET', P .. 'sess:' .. openId)
    if raw then
      local open = cjson.decode(raw)
      if open.status ~= 'ended' then return 0, raw, open end
    end
  end
  redis.call('SET', P .. 'sess:' .. id, json)
  redis.call('SET', P .. 'open:' .. seekerId, id)
  redis.call('ZADD', P .. 'queue', score({priority = tonumber(ARGV[i + 3]), requestedAt = tonumber(ARGV[i + 4]), queuedAt = tonumber(ARGV[i + 5])}), id)
  bump()
  return 1, json, {id = id, status = ARGV[i + 2]}
end
`;

/** ARGV[2] session JSON, [3..8] its fields (REQUEST_FN) → {created 0|1, session JSON}. */
export const REQUEST = `${COMMON}${REQUEST_FN}
local created, raw = requestOne(ARGV[2], 3)
return {created, raw}`;

/** ARGV[2] now, ARGV[3] how many queue entries to scan → matched session JSONs. */
export const MATCH = `${COMMON}${MATCH_FN}
return matchAll(tonumber(ARGV[2]), tonumber(ARGV[3]))`;

/**
 * Seekers' arrivals in one call (MQ5, MQ9): each queued and matched in the order given, as if each
 * had its own call, then each one's place, and the recent match count for the ETA. An arrival that
 * raises an error fails alone, with the writes it made before the error kept, as its own call would
 * have. ARGV[2] now, [3] scan, [4] matches since (ms), then 7 per arrival: the session's JSON and
 * its fields (REQUEST_FN) → {per arrival {created, session JSON (false: as sent), 0-based rank or
 * -1} or {-1, the error}, matched JSONs, recent matches, changed specialists' JSONs}.
 */
export const REQUEST_AND_MATCH = `${COMMON}${REQUEST_FN}${MATCH_FN}
local now, scan = tonumber(ARGV[2]), tonumber(ARGV[3])
local matched, out = {}, {}
local function arrive(i)
  local created, raw, s = requestOne(ARGV[i], i + 1)
  if s.status == 'waiting' then
    for _, enc in ipairs(matchAll(now, scan)) do matched[#matched + 1] = enc end
  end
  -- A new session nobody took is as the caller sent it: no need to send it back. One this call
  -- matched (this one, or the open one a second request found) is as the match saved it.
  return {created, matchedNow[s.id] or (created == 0 and raw) or false, redis.call('ZRANK', P .. 'queue', s.id) or -1}
end
for i = 5, #ARGV, 7 do
  local ok, answer = pcall(arrive, i)
  if not ok and type(answer) == 'table' then answer = answer.err end
  out[#out + 1] = ok and answer or {-1, tostring(answer)}
end
return {out, matched, redis.call('ZCOUNT', P .. 'matches', ARGV[4], '+inf'), touchedSpecs()}`;

// End a waiting or active session → its JSON and whether it freed a specialist's seat, or nil and
// why not ('not_found', 'ended'). With \`field\` ('seekerId' or 'specialistId') and \`who\`, only
// a session they take part in (CH5): any other is 'not_found'.
const END_FN = `
local function endOne(id, endedBy, reason, now, keepMs, field, who)
  local s = getj(P .. 'sess:' .. id)
  if not s or (field and s[field] ~= who) then return nil, false, 'not_found' end
  if s.status == 'ended' then return nil, false, 'ended' end
  local freed = s.status == 'active' and not isnull(s.specialistId)
  release(s)
  s.status = 'ended' s.endedAt = now s.endedBy = endedBy s.endReason = reason
  -- CH9, PRIV1: a handover's note outlives no live chat.
  if type(s.handover) == 'table' then s.handover.note = cjson.null end
  local enc = cjson.encode(s)
  redis.call('SET', P .. 'sess:' .. s.id, enc, 'PX', keepMs)
  if redis.call('GET', P .. 'open:' .. s.seekerId) == s.id then redis.call('DEL', P .. 'open:' .. s.seekerId) end
  return enc, freed
end
`;

/** ARGV[2] sessionId, [3] endedBy, [4] reason, [5] now, [6] ms to keep the ended record → JSON or nil. */
export const END = `${COMMON}${END_FN}
local enc = endOne(ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6])
return enc or false`;

/**
 * An end and, when it freed a seat, the matching decision it allows, in one call (MQ5, MQ9).
 * ARGV as END, [7] scan, [8] and [9] (optional) the participant field and id it must match
 * → {ended JSON or false, matched JSONs, changed specialists' JSONs, why not ('' when ended)}.
 */
export const END_AND_MATCH = `${COMMON}${END_FN}${MATCH_FN}
local enc, freed, refused = endOne(ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[8], ARGV[9])
if not enc then return {false, {}, {}, refused} end
local matched = {}
if freed then matched = matchAll(tonumber(ARGV[5]), tonumber(ARGV[7])) end
return {enc, matched, touchedSpecs(), ''}`;

/**
 * ARGV[2] sessionId, [3] reason, [4] now, [5] the specialist it must still be with, [6] the
 * handover's note ('' = none) → JSON or nil. The specialist's part goes to `earlier` (the last
 * EARLIER_PARTS_KEPT); a transfer or switch sets `handover` (CH9), a disconnect removes it.
 */
export const REQUEUE = `${COMMON}
local s = getj(P .. 'sess:' .. ARGV[2])
if not s or s.status ~= 'active' or s.specialistId ~= ARGV[5] then return false end
local previous = s.specialistId
local name = s.specialistName
if isnull(name) then name = '' end
if type(s.earlier) ~= 'table' or s.earlier[1] == nil then s.earlier = {} end
s.earlier[#s.earlier + 1] = {name = name, from = isnull(s.matchedAt) and tonumber(ARGV[4]) or s.matchedAt}
while #s.earlier > ${EARLIER_PARTS_KEPT} do table.remove(s.earlier, 1) end
if ARGV[3] == 'specialist_disconnected' then s.handover = nil
else s.handover = {kind = ARGV[3], note = ARGV[6] ~= '' and ARGV[6] or cjson.null, shared = false, from = name} end
release(s)
s.status = 'waiting' s.priority = 1 s.queuedAt = tonumber(ARGV[4])
s.specialistId = cjson.null s.specialistName = cjson.null s.matchedAt = cjson.null
if ARGV[3] ~= 'specialist_disconnected' then s.excludeStaffId = previous end
if ARGV[3] == 'switch' then s.switches = s.switches + 1 elseif ARGV[3] == 'transfer' then s.transfers = s.transfers + 1 end
local enc = cjson.encode(s)
redis.call('SET', P .. 'sess:' .. s.id, enc)
redis.call('ZADD', P .. 'queue', score(s), s.id)
bump()
return enc`;

/** CH9: ARGV[2] sessionId, [3] '1' (shared) or '0' → JSON, or nil when it is ended or was not handed over. */
export const SET_HANDOVER = `${COMMON}
local s = getj(P .. 'sess:' .. ARGV[2])
if not s or s.status == 'ended' or type(s.handover) ~= 'table' then return false end
s.handover.shared = ARGV[3] == '1'
local enc = cjson.encode(s)
redis.call('SET', P .. 'sess:' .. s.id, enc, 'KEEPTTL')
return enc`;

/** ARGV[2] sessionId, [3] rating, [4] feedback ('' = none) → JSON or nil. */
export const RATE = `${COMMON}
local s = getj(P .. 'sess:' .. ARGV[2])
if not s then return false end
s.rating = tonumber(ARGV[3])
if ARGV[4] ~= '' then s.feedback = ARGV[4] else s.feedback = cjson.null end
local enc = cjson.encode(s)
redis.call('SET', P .. 'sess:' .. s.id, enc, 'KEEPTTL')
return enc`;

/** ARGV[2] specialist base JSON, [3] now → specialist JSON. */
export const START_SHIFT = `${COMMON}
local sp = cjson.decode(ARGV[2])
local ex = getj(P .. 'spec:' .. sp.staffId)
sp.active = ex and ex.active or 0
if ex and ex.onShift then
  sp.lastAssignedAt = ex.lastAssignedAt sp.shiftId = ex.shiftId sp.shiftStartedAt = ex.shiftStartedAt
else
  sp.lastAssignedAt = tonumber(ARGV[3])
end
sp.onShift = true sp.connected = true
saveSpec(sp)
redis.call('SADD', P .. 'spec:onshift', sp.staffId)
bump()
return saved[sp.staffId]`;

/** ARGV[2] staffId, [3] field ('onShift' or 'connected'), [4] '1' | '0' → specialist JSON or nil. */
export const SET_FLAG = `${COMMON}
local sp = getj(P .. 'spec:' .. ARGV[2])
if not sp then return false end
sp[ARGV[3]] = ARGV[4] == '1'
saveSpec(sp)
if ARGV[3] == 'onShift' then
  if sp.onShift then redis.call('SADD', P .. 'spec:onshift', sp.staffId) else redis.call('SREM', P .. 'spec:onshift', sp.staffId) end
  bump()
end
return saved[sp.staffId]`;

/**
 * KEYS[1] a session's key, ARGV[1] '1' (away) or '0' (back) → the session's JSON, or nil when it is
 * not open. MQ10: the matching decision passes over a session marked away.
 */
export const SET_AWAY = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local s = cjson.decode(raw)
if s.status == 'ended' then return false end
if ARGV[1] == '1' then s.away = true else s.away = nil end
local enc = cjson.encode(s)
redis.call('SET', KEYS[1], enc, 'KEEPTTL')
return enc`;

/**
 * ARGV[2..] session ids → each one's 0-based place in the queue, or -1. One command for the
 * once-a-second pushes of MQ7, where a pipeline of ZRANKs built a command object per waiting seeker.
 */
export const POSITIONS = `
local out = {}
for i = 2, #ARGV do out[#out + 1] = redis.call('ZRANK', ARGV[1] .. 'queue', ARGV[i]) or -1 end
return out`;
