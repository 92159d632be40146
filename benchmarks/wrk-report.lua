-- wrk script for benchmarks/run.sh. With WRK_THINK_MS set, every connection waits that long before each request
-- (a paced, moderate load rather than as many requests as the connections can carry). At the end it prints one
-- line that run.sh reads, beside wrk's own --latency report.
local think = tonumber(os.getenv("WRK_THINK_MS") or "0") or 0
if think > 0 then
  function delay()
    return think
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, math.floor(latency:percentile(50)), math.floor(latency:percentile(90)),
    math.floor(latency:percentile(99)), latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
