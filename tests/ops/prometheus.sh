#!/usr/bin/env bash
# Ops: a real Prometheus server scrapes `encharge-actions serve`'s /metrics, and its query API gives
# back what serve delivered: N events posted to serve, delivered to the local stand-in
# (build/encharge-mock), then sum(encharge_events_delivered_total) in Prometheus = N (and per action,
# N/5 each of the five presets).
#
#   bash tests/ops/prometheus.sh [SCENARIO...]    none: all; --list: the names
# Installs nothing: needs /usr/bin/prometheus (Debian package `prometheus`; PROMETHEUS=... for
# another path) and fails, saying so, without it. Everything runs on loopback in a temporary
# directory (Prometheus's config and its TSDB included); every process is stopped by pid.
# (`promtool check metrics` on a scrape is tests/integration/serve.sh's.)
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../integration/lib.sh"
lib_setup ek_prom_SECRET
WRITE_KEY=wk_prom_$(date +%s%N)
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
N=${PROM_EVENTS:-1000} # a multiple of 5: N/5 of each type

# free_port: a loopback port nobody listens on now; FREE_PORT
free_port() {
    FREE_PORT=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
}

# post_events URL N: N events (track, identify, page, group, alias in turn) in batches of 100 to
# URL/v1/batch; prints how many requests were answered 200, exits 1 on any other answer
post_events() {
    python3 - "$1" "$2" "$WRITE_KEY" <<'PY'
import base64, json, sys, urllib.request
url, n, key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
auth = "Basic " + base64.b64encode((key + ":").encode()).decode()
def event(i):
    t = ("track", "identify", "page", "group", "alias")[i % 5]
    e = {"type": t, "messageId": f"prom-{i}", "userId": f"u{i}", "context": {"traits": {"email": f"u{i}@x.io"}}}
    if t == "track": e.update(event="Order Completed", properties={"n": i})
    elif t == "identify": e["traits"] = {"email": f"u{i}@x.io"}
    elif t == "page": e.update(name="Home", properties={"url": "https://x.io/"})
    elif t == "group": e.update(groupId=f"g{i}", traits={"name": "G"})
    elif t == "alias": e["previousId"] = f"a{i}"
    return e
ok = 0
for start in range(0, n, 100):
    body = json.dumps({"batch": [event(i) for i in range(start, min(n, start + 100))]}).encode()
    rq = urllib.request.Request(url + "/v1/batch", data=body, method="POST",
                                headers={"Content-Type": "application/json", "Authorization": auth})
    with urllib.request.urlopen(rq, timeout=30) as r:
        if r.status != 200:
            print(f"POST /v1/batch answered {r.status}", file=sys.stderr)
            sys.exit(1)
        ok += 1
print(ok)
PY
}

# metric_sum NAME: the sum of a counter over its labels in serve's own /metrics
metric_sum() {
    curl -s "$SURL/metrics" | awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $2 } END { printf "%d\n", s }'
}

# prom_query EXPR: the instant query's result as "labels=value" lines (labels as JSON, value as
# Prometheus gives it); nothing when the result is empty; exit 1 when the API says error
prom_query() {
    curl -s -G --data-urlencode "query=$1" "$PURL/api/v1/query" | python3 -c '
import json, sys
try:
    r = json.load(sys.stdin)
except Exception:
    sys.exit(1)
if r.get("status") != "success": sys.exit(1)
for s in r["data"]["result"]:
    print(json.dumps(s["metric"], sort_keys=True) + "=" + s["value"][1])'
}
# prom_value EXPR: the value of a query with one result (empty when none)
prom_value() {
    prom_query "$1" | head -1 | sed 's/.*=//'
}

SCENARIOS=(scrape)

scenario_scrape() {
    if [ ! -x "$PROMETHEUS" ]; then
        bad "no Prometheus at $PROMETHEUS: install the Debian package (apt-get install prometheus); this script installs nothing"
        return
    fi
    ok
    start_mock "$T/enc" --api-key "$KEY" --record "$T/enc.rec" || return
    local murl=$URL
    spawn serve -o "$T/serve.out" -e "$T/serve.err" "$BIN" serve --listen 127.0.0.1:0 --write-key "$WRITE_KEY" \
        --queue "$T/q.db" --dlq "$T/d.db" --ingest-url "$murl" --api-url "$murl"
    SERVE_PID=$BG_PID
    read_port "$T/serve.out" "$SERVE_PID" 20 || return
    SURL=$URL
    local sport=$PORT answered
    answered=$(post_events "$SURL" "$N")
    check "scrape: serve answered every batch 200 ($answered of $(((N + 99) / 100)))" \
        '[ "$answered" = "$(((N + 99) / 100))" ]'
    wait_lines "$T/enc.rec" "$N" 30
    wait_for 10 "serve's /metrics to count $N delivered" '[ "$(metric_sum encharge_events_delivered_total)" -eq "$N" ]' \
        'metric_sum encharge_events_delivered_total'

    # Prometheus, scraping serve every second
    free_port
    local pport=$FREE_PORT
    PURL=http://127.0.0.1:$pport
    mkdir -p "$T/prom/data"
    cat >"$T/prom/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: encharge
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:$sport"]
EOF
    spawn prometheus -o "$T/prom.out" -e "$T/prom.err" "$PROMETHEUS" --config.file "$T/prom/prometheus.yml" \
        --web.listen-address "127.0.0.1:$pport" --storage.tsdb.path "$T/prom/data" --log.level warn
    local prom=$BG_PID
    if ! wait_for 30 "Prometheus ready on $PURL" \
        '[ "$(curl -s -o /dev/null -w "%{http_code}" "$PURL/-/ready")" = 200 ] || ! kill -0 "$prom" 2>/dev/null'; then
        echo "  its stderr: $(tail -c 1500 "$T/prom.err")"
        return
    fi
    if ! kill -0 "$prom" 2>/dev/null; then
        bad "scrape: Prometheus ended at start: $(tail -c 1500 "$T/prom.err")"
        return
    fi
    check "scrape: Prometheus scraped serve: the target is up" \
        'wait_for 20 "up{job=\"encharge\"} = 1" "[ \"\$(prom_value '"'"'up{job=\"encharge\"}'"'"')\" = 1 ]" \
            "curl -s \"\$PURL/api/v1/targets\""'
    local got
    wait_for 20 "sum(encharge_events_delivered_total) in Prometheus" \
        '[ -n "$(prom_value "sum(encharge_events_delivered_total)")" ]'
    got=$(prom_value "sum(encharge_events_delivered_total)")
    echo "scrape: Prometheus: sum(encharge_events_delivered_total) = $got (sent $N)"
    check "scrape: sum(encharge_events_delivered_total) = $N (got [$got])" '[ "$got" = "$N" ]'
    local by
    by=$(prom_query "sum by (action) (encharge_events_delivered_total)" | sort)
    echo "scrape: by action: $(tr '\n' ' ' <<<"$by")"
    local a
    for a in trackEvent identifyUser trackPageView createUpdateObject aliasUser; do
        expect_contains "scrape: $a delivered $((N / 5)) in Prometheus" "$by" "{\"action\": \"$a\"}=$((N / 5))"
    done
    check "scrape: received = $N in Prometheus" \
        '[ "$(prom_value "sum(encharge_events_received_total)")" = "$N" ]'
    stop_pid "$prom" 20
    check "scrape: Prometheus stopped on SIGTERM (status $STOP_RC)" '[ "$STOP_RC" -eq 0 ]'
    stop_pid "$SERVE_PID" 20
    check "scrape: serve stopped cleanly (status $STOP_RC)" '[ "$STOP_RC" -eq 0 ]'
    stop_mock
}

run_scenarios prometheus "$@"
