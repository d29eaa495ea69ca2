// The matching decision's Lua, for the scripts of match-scripts.ts that decide (MATCH, REQUEST_AND_MATCH,
// END_AND_MATCH). It runs after their COMMON part, whose helpers (P, getj, isnull, routable,
// readyScore, saveSpec, touched, bump) it uses.

// One matching decision: queue order (MQ2) past seekers marked away (MQ10), the best eligible
// specialist (MQ3, MQ4), never above capacity (MQ1) → the matched sessions' JSON. Routable
// specialists wait in spec:ready ordered by MQ3, so the best for a seeker is the first eligible
// one: a decision reads the specialists it needs, not every free one (at the start of a burst 250
// of them, for each of 500 requests), and stops at once when nobody waits.
export const MATCH_FN = `
-- Each session a call matched, by id: its JSON as saved.
local matchedNow = {}
local function matchAll(now, limit)
  local function eligible(sp, s)
    if not isnull(s.excludeStaffId) and s.excludeStaffId == sp.staffId then return false end
    if isnull(s.topic) or #sp.topics == 0 then return true end
    for _, t in ipairs(sp.topics) do if t == s.topic then return true end end
    return false
  end
  if redis.call('ZCARD', P .. 'queue') == 0 then return {} end
  -- ready[i] = {id, score}, in MQ3 order: the first page of spec:ready, or all of it once a
  -- decision had to look past that page (complete). Specialists are read once per call.
  local PAGE = 16
  local ready, complete, specs = {}, false, {}
  local function load(all)
    local raw = redis.call('ZRANGE', P .. 'spec:ready', 0, all and -1 or PAGE - 1, 'WITHSCORES')
    ready = {}
    for i = 1, #raw, 2 do ready[#ready + 1] = {raw[i], tonumber(raw[i + 1])} end
    complete = all or #raw < PAGE * 2
  end
  -- A specialist this call already saved (a freed seat) is used as saved, not read back.
  local function spec(id)
    if specs[id] == nil then specs[id] = touched[id] or getj(P .. 'spec:' .. id) or false end
    return specs[id]
  end
  local function pick(s)
    local i = 1
    while true do
      if i > #ready then
        if complete then return nil end
        load(true)
        i = 1
      else
        local sp = spec(ready[i][1])
        if not sp or not routable(sp) then
          redis.call('ZREM', P .. 'spec:ready', ready[i][1])
          table.remove(ready, i)
        elseif eligible(sp, s) then
          return i
        else
          i = i + 1
        end
      end
    end
  end
  load(false)
  if #ready == 0 then return {} end
  local out = {}
  -- The queue is read in small pages: a decision usually needs only its first entries, and reading
  -- MATCH_SCAN ids at once for every match cost more than the match itself with a long queue.
  local scanned, from = 0, 0
  while (#ready > 0 or not complete) and scanned < limit do
    local ids = redis.call('ZRANGE', P .. 'queue', from, from + math.min(32, limit - scanned) - 1)
    if #ids == 0 then break end
    scanned = scanned + #ids
    for _, sid in ipairs(ids) do
      if #ready == 0 and complete then break end
      local s = getj(P .. 'sess:' .. sid)
      if not s or s.status ~= 'waiting' then
        redis.call('ZREM', P .. 'queue', sid)
      else
        -- MQ10: an away seeker keeps their place; the seat goes to someone who is there.
        local bi = s.away ~= true and pick(s)
        if bi then
          local best = spec(ready[bi][1])
          table.remove(ready, bi)
          s.status = 'active' s.specialistId = best.staffId s.specialistName = best.displayName s.matchedAt = now s.priority = 0
          local enc = cjson.encode(s)
          redis.call('SET', P .. 'sess:' .. sid, enc)
          redis.call('ZREM', P .. 'queue', sid)
          redis.call('SADD', P .. 'spec:' .. best.staffId .. ':sessions', sid)
          redis.call('ZADD', P .. 'matches', now, sid .. ':' .. now)
          best.active = best.active + 1
          best.lastAssignedAt = now
          saveSpec(best)
          local score = readyScore(best)
          -- Back in its place by its new score; past a partial page, the next load finds it.
          if routable(best) and (complete or (#ready > 0 and score <= ready[#ready][2])) then
            local j = #ready + 1
            while j > 1 and ready[j - 1][2] > score do j = j - 1 end
            table.insert(ready, j, {best.staffId, score})
          end
          out[#out + 1] = enc
          matchedNow[sid] = enc
        else
          from = from + 1 -- left waiting: the next page starts after it
        end
      end
    end
  end
  if #out > 0 then
    bump()
    redis.call('ZREMRANGEBYSCORE', P .. 'matches', '-inf', now - 600000)
  end
  return out
end
`;
