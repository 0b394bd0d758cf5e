#!/usr/bin/env bash
# Two builds on one HTTP figure, in alternating rounds, with medians: single runs on a shared VM
# move by a third (the bare server's own figure moves that much), so "is B below A?" needs
# series (bench/RESULTS.md, "RunInstances after the lookup and reply work").
#   bench/http/compare.sh BUILD_A BUILD_B [ROUNDS [SECONDS [ACTION]]]
# ACTION is RunInstances (default; keep SECONDS at 1, see run.sh) or DescribeImages. Each round
# runs A then B: the build's bare server for SECONDS, then a fresh `amisim serve --seed 1` for
# SECONDS; the ratio is amisim over bare. A run with errors is printed and left out of the medians.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
a="${1:?usage: compare.sh BUILD_A BUILD_B [ROUNDS [SECONDS [ACTION]]]}"
b="${2:?usage: compare.sh BUILD_A BUILD_B [ROUNDS [SECONDS [ACTION]]]}"
rounds="${3:-10}"
seconds="${4:-1}"
action="${5:-RunInstances}"
connections=16
. "$here/lib.sh"
case "$action" in
  RunInstances) body="$run" ;;
  DescribeImages) body="$describe" ;;
  *) echo "compare.sh: ACTION is RunInstances or DescribeImages" >&2; exit 2 ;;
esac

field() { sed "s/.*$1=\([0-9.]*\).*/\1/"; }  # field NAME < "... NAME=VALUE ..."
lines=$(mktemp)
for round in $(seq "$rounds"); do
  for side in A B; do
    [ "$side" = A ] && build="$a" || build="$b"
    start "$build/bench/amisim_bare_http"
    bare=$(load bare "$body" "$port" "$seconds"); stop "$pid"
    start "$build/amisim" serve --port 0 --seed 1
    served=$(load "$action" "$body" "$port" "$seconds"); stop "$pid"
    echo "$round $side $(echo "$bare" | field requests_per_s) $(echo "$served" | field requests_per_s) $(echo "$served" | field errors)" | tee -a "$lines"
  done
done
python3 - "$lines" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for side in "AB":
    ok = [(float(bare), float(served)) for _, s, bare, served, errors in rows
          if s == side and errors == "0"]
    if not ok:
        print(f"{side}: no run without errors")
        continue
    print(f"{side}: {len(ok)} runs, median ratio {statistics.median(s / b for b, s in ok):.3f}, "
          f"median req/s {statistics.median(s for _, s in ok):,.0f}, "
          f"median bare {statistics.median(b for b, _ in ok):,.0f}")
PY
rm -f "$lines"
