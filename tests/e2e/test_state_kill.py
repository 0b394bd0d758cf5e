"""The state file survives `kill -9` at any moment (issue 19, section 2).

`amisim serve --state FILE` writes FILE atomically (a temporary, fsync, rename, fsync of the
directory: api/io/state_file.hpp). Over and over: start serve with FILE, make changing calls and
save (POST /_amisim/state/save) in a loop, and kill -9 the server at a random moment. Each time,
FILE is absent (before the first save finished) or a complete state document, and the next serve
loads it: it starts, answers, and holds the world FILE describes (the same digest). With
--snapshot-every 5 most saved documents hold a snapshot of the world and a short journal.

Then a torn file (a document cut short) and a document whose snapshot was edited: serve exits 1
with one line naming the file and what is wrong, and never listens.

usage: test_state_kill.py AMISIM_BINARY [ITERATIONS]
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def start(binary, path):
    """serve --state path on a free port: (process, endpoint). Fails if it does not listen."""
    process = subprocess.Popen(
        [binary, "serve", "--port", "0", "--clock", "manual", "--state", path,
         "--snapshot-every", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
    if not match:
        process.kill()
        _, err = process.communicate(timeout=20)
        raise AssertionError(f"serve did not start with {path}: {line!r} {err!r}")
    return process, match.group(1)


def request(endpoint, method, path, body=None, form=None):
    data, headers = None, {}
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(endpoint + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=10) as response:
        return response.read()


def busy(endpoint, stop, counter):
    """Changing calls and saves until the server is gone (or `stop` is set)."""
    n = 0
    while not stop.is_set():
        n += 1
        try:
            request(endpoint, "POST", "/", form={
                "Action": "CreateKeyPair", "Version": "2016-11-15",
                "KeyName": f"k-{os.getpid()}-{counter[0]}-{n}"})
            request(endpoint, "POST", "/", form={
                "Action": "CreateVolume", "Version": "2016-11-15",
                "AvailabilityZone": "us-east-1a", "Size": str(1 + n % 20)})
            request(endpoint, "POST", "/_amisim/clock/advance", body={"seconds": 30})
            request(endpoint, "POST", "/_amisim/state/save")
            counter[1] += 1
        except (urllib.error.URLError, ConnectionError, OSError):
            return  # killed


def check_file(path, must_exist):
    """FILE is absent (only before any save finished) or a whole document: its digest."""
    if not os.path.exists(path):
        assert not must_exist, f"{path} vanished after a save had finished"
        return None
    with open(path) as f:
        text = f.read()
    try:
        doc = json.loads(text)
    except ValueError as e:
        raise AssertionError(f"{path} is torn ({len(text)} bytes): {e}")
    assert doc["format"] == "amisim-state/4", doc.get("format")
    return doc["digest"]


def kill_loop(binary, iterations, rng):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "state.json")
        saves = 0
        snapshots = 0
        counter = [0, 0]
        for i in range(iterations):
            digest = check_file(path, must_exist=saves > 0)
            process, endpoint = start(binary, path)
            try:
                if digest is not None:  # the world FILE describes was loaded
                    state = json.loads(request(endpoint, "GET", "/_amisim/state"))
                    assert state["digest"] == digest, (i, state["digest"], digest)
                    snapshots += "snapshot" in state
                assert json.loads(request(endpoint, "GET", "/_amisim/health"))
                counter[0] = i
                counter[1] = 0
                stop = threading.Event()
                worker = threading.Thread(target=busy, args=(endpoint, stop, counter))
                worker.start()
                time.sleep(rng.uniform(0.02, 0.25))
                process.kill()  # SIGKILL: no clean stop, no final save
                process.wait(timeout=20)
                stop.set()
                worker.join(timeout=20)
                saves += counter[1]
            finally:
                if process.poll() is None:
                    process.kill()
                process.communicate(timeout=20)
        check_file(path, must_exist=saves > 0)
        process, endpoint = start(binary, path)  # the last file loads too
        process.kill()
        process.communicate(timeout=20)
        print(f"{iterations} kills, {saves} saves finished, {snapshots} loads with a snapshot")
        assert saves > 0 and snapshots > 0, (saves, snapshots)


def refused(binary, path, expected):
    """serve --state path exits 1, one line on stderr naming the file and `expected`, no listen."""
    done = subprocess.run([binary, "serve", "--port", "0", "--state", path],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1, done
    assert "listening" not in done.stdout, done.stdout
    lines = done.stderr.strip().split("\n")
    assert len(lines) == 1, done.stderr
    assert path in lines[0] and expected in lines[0], lines[0]


def torn_files(binary):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "state.json")
        process, endpoint = start(binary, path)
        for n in range(7):  # past --snapshot-every 5: the document holds a snapshot
            request(endpoint, "POST", "/", form={
                "Action": "CreateKeyPair", "Version": "2016-11-15", "KeyName": f"k{n}"})
        request(endpoint, "POST", "/_amisim/state/save")
        process.kill()
        process.communicate(timeout=20)
        with open(path) as f:
            text = f.read()
        doc = json.loads(text)
        assert "snapshot" in doc, sorted(doc)
        with open(path, "w") as f:
            f.write(text[: len(text) // 2])
        refused(binary, path, "not JSON (cut short, or not a state document)")
        doc["snapshot"]["write_version"] += 1
        with open(path, "w") as f:
            json.dump(doc, f)
        refused(binary, path, "snapshot does not load: snapshot: its checksum does not match")


def main():
    binary = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    seed = int(os.environ.get("AMISIM_KILL_SEED", time.time_ns() % 1_000_000))
    print(f"kill moments from seed {seed} (AMISIM_KILL_SEED={seed} to replay)")
    kill_loop(binary, iterations, random.Random(seed))
    torn_files(binary)
    print("ok")


if __name__ == "__main__":
    main()
