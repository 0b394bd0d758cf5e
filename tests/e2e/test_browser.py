"""Runs tests/e2e/browser/picture.mjs: the live page (GET /_amisim/ui) in headless Chromium
through puppeteer-core, against `amisim serve`, with boto3 making the calls; then
tests/e2e/browser/report.mjs: the `amisim run --html` report of a failing and a passing scenario,
opened offline from a file.

usage: test_browser.py AMISIM_BINARY ARTIFACTS_DIR
`make test` installs Debian's chromium and puppeteer-core (npm ci from
tests/e2e/browser/package-lock.json); a machine without them skips (77).
"""
import os
import shutil
import subprocess
import sys

from amisim_server import AmisimServer, client_env

HERE = os.path.dirname(os.path.abspath(__file__))


def main(binary, artifacts):
    browser = os.path.join(HERE, "browser")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or not os.path.isdir(os.path.join(browser, "node_modules",
                                                          "puppeteer-core")):
        print("chromium or puppeteer-core is missing: `make test` installs them")
        sys.exit(77)
    with AmisimServer(binary) as server:
        done = subprocess.run(
            ["node", "picture.mjs", server.endpoint, chromium, artifacts], cwd=browser,
            env={**client_env("us-east-1"), "NODE_NO_WARNINGS": "1",
                 "PYTHONPATH": HERE}, capture_output=True, text=True, timeout=240)
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        if done.returncode != 0:
            sys.exit(f"picture.mjs exited {done.returncode}")
    os.makedirs(artifacts, exist_ok=True)
    html = os.path.join(artifacts, "report.html")
    root = os.path.join(HERE, "..", "..")
    run = subprocess.run(
        [binary, "run", os.path.join(root, "tests", "scenarios", "failing.json"),
         os.path.join(root, "scenarios", "golden-ami-bake.json"), "--html", html],
        capture_output=True, text=True, timeout=120)
    if run.returncode != 1:
        sys.exit(f"amisim run exited {run.returncode}, not 1: {run.stdout}{run.stderr}")
    done = subprocess.run(["node", "report.mjs", html, chromium, artifacts], cwd=browser,
                          env={**os.environ, "NODE_NO_WARNINGS": "1"}, capture_output=True,
                          text=True, timeout=120)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"report.mjs exited {done.returncode}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
