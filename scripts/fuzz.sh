#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, with clang) and runs each for SECONDS.
#   scripts/fuzz.sh [SECONDS] [BUILD_DIR] [TARGET...]   (defaults: 20 s each, build-fuzz, all three:
#                                                        query_parser xml_reader gateway)
# `make fuzz` runs all three for 10 minutes each. `make test` does not compile them (clang with
# sanitizers took minutes of its 20): it runs the same targets' checks, built with the project's
# compiler, on the corpus and fixed-seed mutants of it (fuzz/replay.cpp).
# New corpus entries go to BUILD_DIR/corpus (the committed seeds in fuzz/corpus are only read);
# a crash leaves its input in BUILD_DIR/artifacts and fails the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"
build="${2:-$root/build-fuzz}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root/fuzz" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
targets=("${@:3}")
[ ${#targets[@]} -gt 0 ] || targets=(query_parser xml_reader gateway)
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null
mkdir -p "$build/artifacts"
for target in "${targets[@]}"; do
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
