#!/usr/bin/env bash
# Installs the Debian packages amisim needs, only those that are missing, so a prepared machine
# pays nothing (one dpkg-query). Used by `make run` and `make test`.
set -euo pipefail
pkgs=(build-essential cmake libboost-dev nlohmann-json3-dev libfmt-dev catch2 librapidcheck-dev
      libssl-dev)
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "amisim: installing missing packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
