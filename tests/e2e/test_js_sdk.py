"""Runs tests/e2e/js/workflow.mjs (AWS SDK for JavaScript v3) against `amisim serve`.

usage: test_js_sdk.py AMISIM_BINARY
The npm packages are installed by `make deps` (npm ci from the lockfile); without them this test
fails with a message saying so rather than reaching the registry itself.
"""
import os
import subprocess
import sys

from amisim_server import AmisimServer, catalogue_image_id, client_env

HERE = os.path.dirname(os.path.abspath(__file__))


def main(binary):
    js = os.path.join(HERE, "js")
    if not os.path.isdir(os.path.join(js, "node_modules", "@aws-sdk", "client-ec2")):
        sys.exit("tests/e2e/js/node_modules is missing: run `make deps` (npm ci)")
    with AmisimServer(binary) as server:
        done = subprocess.run(
            ["node", "workflow.mjs", server.endpoint, catalogue_image_id("al2023-x86_64",
                                                                         "eu-west-1")],
            cwd=js, env={**client_env("eu-west-1"), "NODE_NO_WARNINGS": "1"}, capture_output=True, text=True, timeout=180)
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        if done.returncode != 0:
            sys.exit(f"workflow.mjs exited {done.returncode}")
        done = subprocess.run(
            ["node", "security_groups.mjs", server.endpoint], cwd=js,
            env={**client_env("eu-west-1"), "NODE_NO_WARNINGS": "1"}, capture_output=True,
            text=True, timeout=180)
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        if done.returncode != 0:
            sys.exit(f"security_groups.mjs exited {done.returncode}")


if __name__ == "__main__":
    main(sys.argv[1])
