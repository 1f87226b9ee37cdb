-- An example config for `encharge-actions serve` (make install puts it in
-- $(PREFIX)/share/encharge-actions/encharge.lua.example; the systemd unit reads
-- /etc/encharge-actions/encharge.lua). The secrets come from the environment
-- (/etc/encharge-actions/env under systemd). Without `mappings`, the five
-- presets are active. `encharge-actions check --config FILE` checks it.
return {
  settings = { apiKey = os.getenv("ENCHARGE_API_KEY") },
  ingest = {
    listen = "0.0.0.0:8080",
    write_keys = { os.getenv("SEGMENT_WRITE_KEY") },   -- also --write-key K, or SEGMENT_WRITE_KEY itself
    cors_origins = "*",                                -- or "https://www.example.com, https://app.example.com"
    -- admin_listen = "127.0.0.1:9090",                -- /health and /metrics there only
  },
  queue = {
    path = "/var/lib/encharge-actions/queue.db",
    fsync = "full",                -- every commit on disk before the 200
    max_events = 1000000,          -- beyond: 503 with Retry-After
    dedupe_window_s = 24 * 3600,   -- a messageId seen within this is not delivered again
  },
  delivery = { max_inflight = 64, timeout_ms = 10000, retry_window_s = 4 * 3600,
               dlq = "/var/lib/encharge-actions/dlq.db" },
}
