#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, with clang) and runs each for SECONDS.
#   scripts/fuzz.sh [SECONDS] [BUILD_DIR]     (defaults: 20 s each, build-fuzz)
# `make test` runs it briefly through ctest; `make fuzz` runs it for 10 minutes per target.
# New corpus entries go to BUILD_DIR/corpus (the committed seeds in fuzz/corpus are only read);
# a crash leaves its input in BUILD_DIR/artifacts and fails the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"
build="${2:-$root/build-fuzz}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root/fuzz" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j "$(nproc)" >/dev/null
mkdir -p "$build/artifacts"
for target in query_parser xml_reader gateway; do
  mkdir -p "$build/corpus/$target"
  echo "fuzz_$target: ${seconds}s"
  log="$build/fuzz_$target.log"
  rc=0
  "$build/fuzz_$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/artifacts/$target-" \
    "$build/corpus/$target" "$root/fuzz/corpus/$target" >"$log" 2>&1 || rc=$?
  grep -E "^Done|SUMMARY|ERROR" "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -40 "$log"
    echo "fuzz_$target failed (exit $rc): the input is in $build/artifacts"
    exit 1
  fi
done
