-- wrk script for bench/directory_load.py: cycles through a file of request paths (one per line),
-- each thread starting at a different place, and prints its latency percentiles as one JSON line.
-- Usage: wrk -s bench/directory_load.lua http://127.0.0.1:PORT -- urls.txt

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

local requests_ = {}
local position = 0

function init(args)
  for line in io.lines(args[1]) do
    requests_[#requests_ + 1] = wrk.format("GET", line)
  end
  position = (thread_number or 0) * 7919 % #requests_
end

function request()
  position = position % #requests_ + 1
  return requests_[position]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"mean_us": %.1f, "errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d, '
      .. '"errors_timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
