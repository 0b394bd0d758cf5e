#!/usr/bin/env bash
# moto's EC2 tests as an outside scoreboard (issue 16; tests/compat/moto-ec2.md): runs test files
# of a moto source tree in moto's server mode against a fresh `amisim serve --images-replace --images
# fixtures/catalogs/moto-examples.json`, and prints passed / failed / skipped with the names of
# the tests that did not pass, and every 5xx the server answered (there must be none).
#   scripts/compat.sh MOTO_SRC BUILD_DIR [TEST_FILE...]    (`make compat MOTO_SRC=DIR`)
# TEST_FILE is relative to MOTO_SRC; the default is the three files of the goal. Runs with
# Debian's Python (/usr/bin/python3) and its packages (`make compat` installs them).
# Exit status: 0 when the run completed (whatever the score), 1 when it could not run, 2 for
# bad arguments, 3 when amisim answered a 5xx or stopped during the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
moto="${1:?usage: compat.sh MOTO_SRC BUILD_DIR [TEST_FILE...]}"
build="${2:?usage: compat.sh MOTO_SRC BUILD_DIR [TEST_FILE...]}"
shift 2
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(tests/test_ec2/test_amis.py tests/test_ec2/test_elastic_block_store.py
                                  tests/test_ec2/test_instances.py)
moto="$(cd "$moto" && pwd)" || { echo "compat: no directory $1" >&2; exit 2; }
[ -d "$moto/moto" ] && [ -d "$moto/tests/test_ec2" ] ||
  { echo "compat: $moto is not a moto source tree (no moto/ and tests/test_ec2/)" >&2; exit 2; }
# A GitHub snapshot may lack this large data file; the tests import moto.iam, which needs it.
stub="$moto/moto/iam/aws_managed_policies.py"
if [ ! -f "$stub" ]; then
  echo "compat: $stub is missing; writing the one-line stub moto's imports need"
  echo 'aws_managed_policies_data = "{}"' >"$stub"
fi
python=/usr/bin/python3

out="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT
"$build/amisim" serve --port 0 --seed 1 --log \
  --images "$root/fixtures/catalogs/moto-examples.json" --images-replace \
  2>"$out/server.log" >"$out/server.out" &
pid=$!
for _ in $(seq 100); do grep -qs "listening on" "$out/server.out" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$out/server.out" | cut -d: -f2 || true)
[ -n "$port" ] || { echo "compat: amisim serve did not start:" >&2; cat "$out/server.log" >&2; exit 1; }

(cd "$moto" && env TEST_SERVER_MODE=true TEST_SERVER_MODE_ENDPOINT="http://127.0.0.1:$port" \
   AWS_ACCESS_KEY_ID=FOOBARKEY AWS_SECRET_ACCESS_KEY=FOOBARSECRET AWS_DEFAULT_REGION=us-east-1 \
   "$python" -m pytest -p no:cacheprovider -q -o addopts= --junitxml="$out/junit.xml" \
   "${files[@]}" >"$out/pytest.log" 2>&1) || true

status=0
kill -0 "$pid" 2>/dev/null || { echo "compat: amisim serve STOPPED during the run"; status=3; }
[ -f "$out/junit.xml" ] || { echo "compat: pytest wrote no report:" >&2; tail -20 "$out/pytest.log" >&2; exit 1; }
"$python" - "$out/junit.xml" "${files[@]}" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
per_file = collections.OrderedDict((f, collections.Counter()) for f in sys.argv[2:])
failing = []
for case in cases:
    name = case.get("classname", "").replace(".", "/") + ".py::" + case.get("name", "")
    file = next((f for f in per_file if name.startswith(f[:-3])), None)
    if file is None:
        per_file.setdefault("other", collections.Counter())
        file = "other"
    kinds = {child.tag for child in case}
    if "skipped" in kinds:
        per_file[file]["skipped"] += 1
    elif kinds & {"failure", "error"}:
        per_file[file]["failed"] += 1
        failing.append(name)
    else:
        per_file[file]["passed"] += 1
total = collections.Counter()
for file, c in per_file.items():
    total.update(c)
    print(f"{file}: passed {c['passed']}, failed {c['failed']}, skipped {c['skipped']}")
print(f"total: passed {total['passed']}, failed {total['failed']}, skipped {total['skipped']}")
for name in failing:
    print(f"  not passed: {name}")
PY
# --log writes "... -> STATUS ..." per request; a 5xx is a defect whatever the test expected.
if grep -E ' -> 5[0-9][0-9]' "$out/server.log" >"$out/5xx.log"; then
  echo "compat: amisim answered 5xx:"; head -20 "$out/5xx.log"; status=3
fi
[ -z "${COMPAT_KEEP:-}" ] || { mkdir -p "$COMPAT_KEEP"; cp "$out"/* "$COMPAT_KEEP/"; }
exit $status
