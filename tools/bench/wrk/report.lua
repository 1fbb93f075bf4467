-- Loaded by wrk for every case. The request is configured from the environment, and done()
-- writes the summary as JSON to BENCH_REPORT, so the harness never scrapes wrk's text output.
--   BENCH_METHOD, BENCH_BODY, BENCH_CONTENT_TYPE  the request (a GET without a body if unset)
--   BENCH_UNIQUE_EMAIL  a prefix: each request's body gets a fresh "email" (for unique writes)
--   BENCH_REPORT        the path of the JSON summary

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.body = os.getenv("BENCH_BODY")
local content_type = os.getenv("BENCH_CONTENT_TYPE")
if content_type then
   wrk.headers["Content-Type"] = content_type
end

local unique_prefix = os.getenv("BENCH_UNIQUE_EMAIL")
if unique_prefix then
   -- Defining request() makes wrk build every request anew (slower, so only when needed).
   local counter = 0
   local thread_tag = tostring({}):sub(8)
   function request()
      counter = counter + 1
      local email = string.format("%s-%s-%d@example.com", unique_prefix, thread_tag, counter)
      local body = wrk.body:gsub("{email}", email)
      return wrk.format(nil, nil, nil, body)
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   local out = assert(io.open(os.getenv("BENCH_REPORT"), "w"))
   out:write(string.format(
      '{"duration_us": %d, "requests": %d, "bytes": %d, ' ..
      '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
      '"latency_us": {"mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p99": %d}}\n',
      summary.duration, summary.requests, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency.mean, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(99)))
   out:close()
end
