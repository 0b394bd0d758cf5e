#!/usr/bin/env bash
# The HTTP benchmark (issue 3): wrk on loopback against `amisim serve` and, in the same run, the
# bare server (bare_server.cpp) answering a fixed 800-byte body. Prints one line per figure with
# the ratio to the bare server; bench/RESULTS.md records them.
#   bench/http/run.sh BUILD_DIR [SECONDS [RUN_SECONDS]]   (`make bench` passes its build directory)
# RunInstances runs RUN_SECONDS (default 1): every instance takes an address of a default subnet,
# and us-east-1's five t3-offering /20 subnets hold 20,455, which a longer run at this rate
# (~10,000 launches a second) would exhaust (InsufficientFreeAddressesInSubnet, as on AWS),
# measuring refusals instead of launches. A run with errors says so: its figure is not a launch rate.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run.sh BUILD_DIR [SECONDS [RUN_SECONDS]]}"
seconds="${2:-10}"
run_seconds="${3:-1}"
connections=16
. "$here/lib.sh"

start "$build/bench/amisim_bare_http"; bare_pid=$pid; bare_port=$port
load "bare-server" "$describe" "$bare_port" "$seconds"
load "bare-server-${run_seconds}s" "$describe" "$bare_port" "$run_seconds"
stop "$bare_pid"

start "$build/amisim" serve --port 0 --seed 1; amisim_pid=$pid; amisim_port=$port
load "DescribeImages-by-ID" "$describe" "$amisim_port" "$seconds"
result=$(load "RunInstances-${run_seconds}s" "$run" "$amisim_port" "$run_seconds")
echo "$result"
case "$result" in
  *errors=0*) ;;
  *) echo "RunInstances-${run_seconds}s: INVALID, refusals counted (addresses ran out?): use a shorter RUN_SECONDS" ;;
esac
stop "$amisim_pid"

# The same two without the live picture (issue 20: what recording it costs; serve --no-picture).
start "$build/amisim" serve --port 0 --seed 1 --no-picture; amisim_pid=$pid; amisim_port=$port
load "DescribeImages-by-ID-no-picture" "$describe" "$amisim_port" "$seconds"
load "RunInstances-${run_seconds}s-no-picture" "$run" "$amisim_port" "$run_seconds"
stop "$amisim_pid"

# Memory over a 60-second DescribeImages run on a fresh server: RSS every 10 s.
start "$build/amisim" serve --port 0 --seed 1; amisim_pid=$pid; amisim_port=$port
samples="$(rss_kb "$amisim_pid")"
( BODY="$describe" wrk -t2 -c$connections -d60s -s "$here/post.lua" "http://127.0.0.1:$amisim_port/" >/dev/null ) &
wrk_pid=$!
for _ in 1 2 3 4 5 6; do sleep 10; samples="$samples $(rss_kb "$amisim_pid")"; done
wait "$wrk_pid" || true
stop "$amisim_pid"
echo "server-RSS-kB-every-10s $samples"
