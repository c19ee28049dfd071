-- wrk's summary for the console benchmark: the latency percentiles docs/performance.md quotes
-- (wrk --latency prints 50/75/90/99 only) and the error counts, as one line to grep.
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
