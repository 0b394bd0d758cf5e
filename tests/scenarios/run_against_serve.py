#!/usr/bin/env python3
"""`amisim run --endpoint`: the shipped scenarios pass against a running `amisim serve`.

    run_against_serve.py AMISIM SCENARIO_DIR JUNIT_OUT

Starts `amisim serve` on a free port (tests/e2e/amisim_server.py), runs every scenario of the
directory against it, and checks that the run exited 0, that its JUnit report counts the same
scenarios as the directory holds, and that the calls really reached the server: its journal
holds the last scenario's calls (the runner resets the server before each scenario), and that the
server's own clock mode (scaled:60 here) is back after the run.
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from amisim_server import AmisimServer  # noqa: E402


def main():
    amisim, directory, junit = sys.argv[1:4]
    files = sorted(f for f in os.listdir(directory)
                   if f.endswith(".json") and f != "schema.json")
    with AmisimServer(amisim, "--clock", "scaled:60") as server:
        run = subprocess.run([amisim, "run", directory, "--endpoint", server.endpoint,
                              "--junit", junit], capture_output=True, text=True, timeout=600)
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        if run.returncode != 0:
            print(f"amisim run --endpoint exited {run.returncode}")
            return 1
        suites = ET.parse(junit).getroot()
        tests = sum(int(s.get("tests", 0)) for s in suites.iter("testsuite"))
        failures = sum(int(s.get("failures", 0)) + int(s.get("errors", 0))
                       for s in suites.iter("testsuite"))
        if tests != len(files) or failures != 0:
            print(f"JUnit counts {tests} tests, {failures} failures; expected {len(files)}, 0")
            return 1
        # The runner sets each scenario's clock mode, then gives the server its own back.
        mode = server.control("GET", "/_amisim/clock")["mode"]
        if mode != "scaled:60":
            print(f"the server's clock mode is {mode!r} after the run, not 'scaled:60'")
            return 1
        state = server.control("GET", "/_amisim/state")
        last = json.load(open(os.path.join(directory, files[-1])))
        calls = [s for s in last["steps"] if "call" in s]
        if calls and not state.get("journal"):
            print("the server's journal is empty: the calls did not reach it")
            return 1
    print(f"{len(files)} scenarios passed against amisim serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
