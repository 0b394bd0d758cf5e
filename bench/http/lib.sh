# Shared by run.sh and compare.sh (sourced): the request bodies and the helpers that start a
# server and load it with wrk. Expects `here` (this folder) and `connections` set.
root="$(cd "$here/../.." && pwd)"
image=$(python3 -c "import json;d=json.load(open('$root/fixtures/images.json'));print(next(f['regions']['us-east-1']['image_id'] for f in d['families'] if f['family']=='al2023-x86_64'))")
describe="Action=DescribeImages&Version=2016-11-15&ImageId.1=$image"
run="Action=RunInstances&Version=2016-11-15&ImageId=$image&InstanceType=t3.micro&MinCount=1&MaxCount=1"

start() {  # start CMD...; sets pid and port
  local out; out=$(mktemp)
  "$@" >"$out" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do grep -qs "listening on" "$out" && break; sleep 0.05; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$out" | cut -d: -f2)
  rm -f "$out"
}
load() {  # load NAME BODY PORT SECONDS: one "NAME requests_per_s=... errors=..." line
  BODY="$2" wrk -t2 -c$connections -d"$4s" --latency -s "$here/post.lua" \
    "http://127.0.0.1:$3/" | grep RESULT | sed "s/^RESULT/$1/"
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
