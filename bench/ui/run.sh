#!/usr/bin/env bash
# The live page's render benchmark (issue 20): bench/ui/render.mjs against a fresh
# `amisim serve`, in headless Chromium. bench/RESULTS.md records it.
#   bench/ui/run.sh BUILD_DIR [COUNT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run.sh BUILD_DIR [COUNT]}"
count="${2:-10000}"
connections=1
. "$here/../http/lib.sh"
chromium="$(command -v chromium || command -v chromium-browser)"
start "$build/amisim" serve --port 0 --seed 1
node "$here/render.mjs" "http://127.0.0.1:$port" "$chromium" "$image" "$count"
stop "$pid"
