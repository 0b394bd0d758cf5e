"""Starts `amisim serve` on a free loopback port for an end-to-end test, and stops it.

    with AmisimServer(binary, "--clock", "manual") as server:
        server.endpoint          # "http://127.0.0.1:PORT"
        server.control("POST", "/_amisim/clock/advance", {"seconds": 60})

The server prints "listening on http://HOST:PORT" once it accepts connections; the port is read
from that line, so tests never race for a fixed port.
"""
import json
import os
import re
import subprocess
import sys
import urllib.request


class AmisimServer:
    """`stderr`: where the server's stderr goes (a file to read its --log lines; default the
    test's own stderr)."""

    def __init__(self, binary, *args, stderr=None):
        self.binary = binary
        self.args = list(args)
        self.stderr = stderr
        self.process = None
        self.endpoint = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", "0", *self.args],
            stdout=subprocess.PIPE, stderr=self.stderr or sys.stderr, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"amisim serve did not start: {line!r}")
        self.endpoint = match.group(1)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        if self.process.returncode != 0:
            raise RuntimeError(f"amisim serve exited {self.process.returncode}: {out}")
        return False

    def control(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


def client_env(region="us-east-1", access_key="AKIDAMISIMTEST"):
    """Environment for AWS clients: fake credentials, no config files, no metadata lookups."""
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("AWS_"):
            del env[key]
    env.update({
        "AWS_ACCESS_KEY_ID": access_key,
        "AWS_SECRET_ACCESS_KEY": "amisim-secret",
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
    })
    return env


def catalogue_image_id(family, region):
    """The ID fixtures/images.json gives the catalogue image of `family` in `region`."""
    path = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "images.json")
    with open(path) as f:
        families = json.load(f)["families"]
    return next(f["regions"][region]["image_id"] for f in families if f["family"] == family)


def boto3_client(service, endpoint, region="us-east-1", access_key="AKIDAMISIMTEST", **config):
    """A boto3 client of `service` at `endpoint` with client_env's fake credentials and one
    attempt per call; `config` adds botocore Config options (parameter_validation=False, ...)."""
    import boto3
    from botocore.config import Config
    session = boto3.session.Session(aws_access_key_id=access_key,
                                    aws_secret_access_key="amisim-secret", region_name=region)
    return session.client(service, endpoint_url=endpoint,
                          config=Config(retries={"max_attempts": 1}, **config))


def error_of(call, **kwargs):
    """The (code, HTTP status) of the AWS error `call(**kwargs)` answers; fails if it succeeds."""
    from botocore.exceptions import ClientError
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call.__name__}({kwargs}) should have failed")
