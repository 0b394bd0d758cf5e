#!/usr/bin/env bash
# What the live picture and its event stream cost a server (issue 20): DescribeImages by ID over
# HTTP (wrk on loopback) against three servers, in alternating rounds so that the machine's drift
# falls on all three alike:
#   no-picture   amisim serve --no-picture            (the baseline)
#   no-page      amisim serve                          (recording on, no stream open)
#   one-stream   amisim serve with one event stream open and read (GET /_amisim/events as
#                text/event-stream, read by curl as an EventSource would, for the whole load)
#   browser-page amisim serve with the page itself open in headless Chromium (bench/ui/
#                open_page.mjs): the stream, and the page fetching /_amisim/timeline to redraw
#                (when Chromium is installed; its CPU shares the machine with wrk and the server)
# Prints each round's figures, then the median of each and the ratios to the baseline.
#   bench/http/picture_cost.sh BUILD_DIR [SECONDS [ROUNDS]]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: picture_cost.sh BUILD_DIR [SECONDS [ROUNDS]]}"
seconds="${2:-5}"
rounds="${3:-5}"
connections=16
. "$here/lib.sh"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # utime + stime, in clock ticks

results=$(mktemp)
trap 'rm -f "$results"' EXIT
chromium="$(command -v chromium || command -v chromium-browser || true)"
variants="no-picture no-page one-stream"
[ -n "$chromium" ] && variants="$variants browser-page"
for round in $(seq "$rounds"); do
  for variant in $variants; do
    flags=()
    [ "$variant" = no-picture ] && flags=(--no-picture)
    start "$build/amisim" serve --port 0 --seed 1 "${flags[@]}"
    reader=""
    page_out=$(mktemp)
    if [ "$variant" = one-stream ]; then
      curl -sN -H 'Accept: text/event-stream' "http://127.0.0.1:$port/_amisim/events" >/dev/null &
      reader=$!
      sleep 0.5
    elif [ "$variant" = browser-page ]; then
      node "$root/bench/ui/open_page.mjs" "http://127.0.0.1:$port" "$chromium" "$((seconds + 1))" \
        >"$page_out" 2>&1 &
      reader=$!
      for _ in $(seq 200); do grep -qs PAGE-READY "$page_out" && break; sleep 0.1; done
    fi
    cpu_before=$(cpu_ticks "$pid")
    line=$(load "$variant" "$describe" "$port" "$seconds")
    cpu_after=$(cpu_ticks "$pid")
    # The server's own CPU per 1,000 answers: what it spends, apart from what wrk, curl or
    # Chromium take from the machine's two cores.
    rate=$(echo "$line" | sed -n 's/.*requests_per_s=\([0-9]*\).*/\1/p')
    line="$line server_cpu_ms_per_1k=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" \
      -v n="$rate" -v s="$seconds" 'BEGIN { printf "%.1f", t * 1000 / hz / (n * s / 1000) }')"
    if [ "$variant" = one-stream ]; then
      kill -0 "$reader" 2>/dev/null || line="$line STREAM-ENDED-EARLY"
      kill "$reader" 2>/dev/null || true
      wait "$reader" 2>/dev/null || true
    elif [ "$variant" = browser-page ]; then
      wait "$reader" 2>/dev/null || true
      line="$line $(grep '^PAGE ' "$page_out" || echo PAGE-FAILED)"
    fi
    rm -f "$page_out"
    stop "$pid"
    echo "round $round: $line"
    echo "$line" >>"$results"
  done
done
python3 - "$results" <<'PY'
import re, statistics, sys
rates, cpu = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) requests_per_s=(\d+)", line)
    if m:
        rates.setdefault(m.group(1), []).append(int(m.group(2)))
    c = re.search(r"server_cpu_ms_per_1k=([0-9.]+)", line)
    if m and c:
        cpu.setdefault(m.group(1), []).append(float(c.group(1)))
base_cpu = statistics.median(cpu["no-picture"])
base = statistics.median(rates["no-picture"])
for name in ("no-picture", "no-page", "one-stream", "browser-page"):
    if name not in rates:
        continue
    med = statistics.median(rates[name])
    print(f"{name}: median {med:.0f}/s over {len(rates[name])} rounds "
          f"(min {min(rates[name])}, max {max(rates[name])}), ratio to no-picture {med / base:.3f}; "
          f"server CPU {statistics.median(cpu[name]):.1f} ms per 1,000 answers "
          f"(ratio {statistics.median(cpu[name]) / base_cpu:.3f})")
PY
