-- wrk script: learners answering items on itembank-server. Each learner (a line of the file written by
-- prepare.py: learner token session item competence) has at most one request in flight; a reply names its
-- session and the next item, which makes that learner ready again. Answers pass ({"skipped": true}),
-- valid for every item type; a finished session is followed by a new positioning for the learner (so is
-- a line whose item is "-").
-- THINK_MS (default 0): a learner's think time before each request, uniform in 50-150 % of it; 0 sends the
-- next request as soon as the reply arrives (the server at saturation).
-- Run: LEARNERS_FILE=learners.txt [THINK_MS=2000] wrk -t2 -c1000 -d20s -s answers.lua http://127.0.0.1:PORT
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id)
  learners = {}
  byName = {}
  ready = {}
  answers = 0
  starts = 0
  failures = 0
  local index = 0
  for line in io.lines(os.getenv("LEARNERS_FILE")) do
    index = index + 1
    if index % tonumber(os.getenv("WRK_THREADS") or "2") == (id - 1) then
      local name, token, session, item, competence = line:match("(%S+) (%S+) (%S+) (%S+) (%S+)")
      if item == "-" then item = nil end -- no item: the learner starts a new positioning first
      local learner = { name = name, token = token, session = session, item = item, competence = competence }
      table.insert(learners, learner)
      byName[name] = learner
      table.insert(ready, learner)
    end
  end
end

local think = tonumber(os.getenv("THINK_MS") or "0")

function delay()
  if think <= 0 then return 0 end
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end

function request()
  local learner = table.remove(ready, 1)
  if learner == nil then
    return wrk.format("GET", "/healthz")
  end
  local headers = { ["Authorization"] = "Bearer " .. learner.token, ["Content-Type"] = "application/json" }
  if learner.item == nil then
    return wrk.format("POST", "/v1/sessions", headers,
      '{"kind":"positioning","competence":"' .. learner.competence .. '"}')
  end
  return wrk.format("POST", "/v1/sessions/" .. learner.session .. "/answers", headers,
    '{"item":"' .. learner.item .. '","answer":{"skipped":true}}')
end

function response(status, headers, body)
  if status ~= 200 and status ~= 201 then
    failures = failures + 1
  end
  local name = body:match('"learner":"([^"]+)"')
  local learner = name and byName[name]
  if learner == nil then return end
  local session = body:match('"session":"(%x+)"')
  if session ~= learner.session then
    learner.session = session
    starts = starts + 1
  else
    answers = answers + 1
  end
  local item = body:match('"item":{.-"id":"([^"]+)"')
  if body:find('"status":"finished"') then item = nil end
  learner.item = item
  table.insert(ready, learner)
end

function done(summary, latency, requests)
  local answered, started, failed = 0, 0, 0
  for _, thread in ipairs(threads) do
    answered = answered + thread:get("answers")
    started = started + thread:get("starts")
    failed = failed + thread:get("failures")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("answers: %d (%.0f/s), sessions started: %d, non-2xx: %d\n",
    answered, answered / seconds, started, failed))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
