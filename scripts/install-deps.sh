#!/usr/bin/env bash
# Installs what amisim needs, only what is missing, so a prepared machine pays nothing (one
# dpkg-query and a few `command -v`). Used by `make run` and `make test`.
#   Debian packages: the C++ toolchain and libraries (libmimalloc-dev: the executable's
#     allocator, cli/allocator.cpp);
#     the real clients of the end-to-end tests when the machine has none of its own: the aws CLI
#     (awscli), boto3 (python3-boto3), Node.js and npm.
#   npm packages: tests/e2e/js (the AWS SDK for JavaScript v3), from its lockfile (npm ci).
# Extra Debian packages for other targets are passed as arguments (`make bench` adds wrk;
# `make test` adds packer, ansible and python3-boto3 for the tools' end-to-end tests and chromium
# for the live page's; `make fuzz` adds clang and its runtime, libFuzzer's). An argument
# `npm:DIR` is another npm directory to install from its lockfile (`make test`:
# tests/e2e/browser, puppeteer-core).
set -euo pipefail
cd "$(dirname "$0")/.."
npm_dirs=(tests/e2e/js)
extra=()
for a in "$@"; do
  case "$a" in
    npm:*) npm_dirs+=("${a#npm:}") ;;
    *) extra+=("$a") ;;
  esac
done
pkgs=(build-essential cmake libboost-dev nlohmann-json3-dev libfmt-dev catch2 librapidcheck-dev
      libssl-dev libmimalloc-dev "${extra[@]}")
command -v aws >/dev/null 2>&1 || pkgs+=(awscli)
python3 -c "import boto3" >/dev/null 2>&1 || pkgs+=(python3-boto3)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "amisim: installing missing packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# npm packages, pinned by each directory's package-lock.json; reinstalled when the lockfile
# changes.
for js in "${npm_dirs[@]}"; do
  if [ ! -f "$js/node_modules/.package-lock.json" ] ||
     [ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
    echo "amisim: installing npm packages for $js (npm ci)"
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
