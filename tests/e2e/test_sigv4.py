"""`amisim serve --auth sigv4 --credentials FILE` with the real clients signing: boto3 (EC2, S3
with presigned URLs, SSM), the aws CLI and the JS SDK v3. A correct secret passes and the account
is the file's; a wrong secret, an unknown key, a skewed clock and an expired URL fail as each
client surfaces AWS's error; requests botocore signed and then tampered with (one byte of body,
one header, the date, the scope) are refused.

usage: test_sigv4.py AMISIM_BINARY
"""
import datetime
import os
import subprocess
import sys
import tempfile
import unittest.mock
import urllib.error
import urllib.request

import boto3
import botocore.auth
from botocore import UNSIGNED
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from amisim_server import AmisimServer, client_env

HERE = os.path.dirname(os.path.abspath(__file__))
CREDENTIALS = """# the e2e test's credentials: ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID
AKIDAMISIMTEST amisim-secret 111111111111
AKIDOTHER      other-secret  222222222222
"""
PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"


def client(service, endpoint, key="AKIDAMISIMTEST", secret="amisim-secret", **config):
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                    region_name="us-east-1")
    config.setdefault("retries", {"max_attempts": 1})
    if service == "s3":
        config.setdefault("s3", {"addressing_style": "path"})
    return session.client(service, endpoint_url=endpoint, config=Config(**config))


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call} should have failed")


def clock_shifted(minutes):
    """botocore signs as if its clock were `minutes` off."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    shifted = now + datetime.timedelta(minutes=minutes)
    return unittest.mock.patch("botocore.auth.get_current_datetime", return_value=shifted)


def fetch(url, data=None, headers=None, method=None):
    """(status, body) of a plain HTTP request."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def boto3_ec2(endpoint):
    ec2 = client("ec2", endpoint)
    assert ec2.describe_regions()["Regions"]
    owner = ec2.describe_security_groups()["SecurityGroups"][0]["OwnerId"]
    assert owner == "111111111111", owner
    other = client("ec2", endpoint, "AKIDOTHER", "other-secret")
    assert other.describe_security_groups()["SecurityGroups"][0]["OwnerId"] == "222222222222"
    assert error_of(client("ec2", endpoint, secret="wrong").describe_regions) == \
        ("SignatureDoesNotMatch", 403)
    assert error_of(client("ec2", endpoint, key="AKIDNOBODY").describe_regions) == \
        ("AuthFailure", 401)
    assert error_of(client("ec2", endpoint, signature_version=UNSIGNED).describe_regions) == \
        ("MissingParameter", 400)
    with clock_shifted(-20):
        assert error_of(ec2.describe_regions) == ("RequestExpired", 400)
    with clock_shifted(+20):
        assert error_of(ec2.describe_regions) == ("RequestExpired", 400)
    with clock_shifted(-10):
        ec2.describe_regions()  # within 15 minutes
    # A presigned EC2 URL (signed for GET: the URL is fetched with GET).
    url = ec2.generate_presigned_url("describe_regions", ExpiresIn=60, HttpMethod="GET")
    status, body = fetch(url)
    assert status == 200 and "<regionInfo>" in body, (status, body)
    with clock_shifted(-5):
        old = ec2.generate_presigned_url("describe_regions", ExpiresIn=60, HttpMethod="GET")
    status, body = fetch(old)
    assert status == 400 and "<Code>RequestExpired</Code>" in body, (status, body)


def boto3_s3(endpoint):
    s3 = client("s3", endpoint)
    s3.create_bucket(Bucket="sigv4-bucket")
    s3.put_object(Bucket="sigv4-bucket", Key="dir/a b+c~d.txt", Body=b"hello sigv4")
    got = s3.get_object(Bucket="sigv4-bucket", Key="dir/a b+c~d.txt")["Body"].read()
    assert got == b"hello sigv4", got
    wrong = client("s3", endpoint, secret="wrong")
    assert error_of(wrong.put_object, Bucket="sigv4-bucket", Key="k", Body=b"x") == \
        ("SignatureDoesNotMatch", 403)
    assert error_of(client("s3", endpoint, key="AKIDNOBODY").list_buckets) == \
        ("InvalidAccessKeyId", 403)
    with clock_shifted(-20):
        assert error_of(s3.list_buckets) == ("RequestTimeTooSkewed", 403)
    other = client("s3", endpoint, "AKIDOTHER", "other-secret")
    assert other.list_buckets()["Buckets"] == []  # the bucket is account 111111111111's

    params = {"Bucket": "sigv4-bucket", "Key": "dir/a b+c~d.txt"}
    # botocore presigns S3 URLs with Signature Version 2 unless told s3v4; only 4 is accepted.
    v2 = s3.generate_presigned_url("get_object", Params=params, ExpiresIn=300)
    status, body = fetch(v2)
    assert status == 400 and "Please use AWS4-HMAC-SHA256." in body, (status, body)
    s3 = client("s3", endpoint, signature_version="s3v4")
    url = s3.generate_presigned_url("get_object", Params=params, ExpiresIn=300)
    assert fetch(url) == (200, "hello sigv4"), fetch(url)
    cut = url.index("X-Amz-Signature=") + len("X-Amz-Signature=")
    flipped = url[:cut] + ("0" if url[cut] != "0" else "1") + url[cut + 1:]
    status, body = fetch(flipped)
    assert status == 403 and "<Code>SignatureDoesNotMatch</Code>" in body, (status, body)
    with clock_shifted(-10):
        old = s3.generate_presigned_url("get_object", Params=params, ExpiresIn=60)
    status, body = fetch(old)
    assert status == 403 and "<Message>Request has expired</Message>" in body, (status, body)
    assert "<X-Amz-Expires>60</X-Amz-Expires>" in body, body
    status, body = fetch(f"{endpoint}/sigv4-bucket/dir/a%20b%2Bc~d.txt")
    assert status == 403 and "<Code>AccessDenied</Code>" in body, (status, body)


def signed_request(endpoint, service="ec2", secret="amisim-secret"):
    """A DescribeRegions that botocore signed (its SigV4Auth, as the clients use it)."""
    request = AWSRequest(method="POST", url=endpoint + "/",
                         data="Action=DescribeRegions&Version=2016-11-15",
                         headers={"Content-Type":
                                  "application/x-www-form-urlencoded; charset=utf-8"})
    botocore.auth.SigV4Auth(Credentials("AKIDAMISIMTEST", secret), service,
                            "us-east-1").add_auth(request)
    prepared = request.prepare()
    return prepared.url, dict(prepared.headers), prepared.body.encode()


def other_second(amz_date):
    """"20260101T000000Z" a second later or earlier, within the same minute."""
    second = int(amz_date[13:15])
    return f"{amz_date[:13]}{second + 1 if second < 59 else 58:02}Z"


def tampered_requests(endpoint):
    url, headers, body = signed_request(endpoint)
    assert fetch(url, body, headers)[0] == 200
    cases = {
        "one byte of body": (body[:-1] + b"6", headers),
        "one header": (body, {**headers, "Content-Type": "application/x-www-form-urlencoded"}),
        "the date": (body, {**headers, "X-Amz-Date": other_second(headers["X-Amz-Date"])}),
        "the scope's Region": (body, {**headers, "Authorization": headers["Authorization"]
                                      .replace("/us-east-1/", "/eu-west-1/")}),
    }
    for what, (data, hdrs) in cases.items():
        status, text = fetch(url, data, hdrs)
        assert status == 403 and "<Code>SignatureDoesNotMatch</Code>" in text, (what, status, text)
    # Signed for another service: botocore's own scope, refused for what it names.
    url, headers, body = signed_request(endpoint, service="sqs")
    status, text = fetch(url, body, headers)
    assert status == 403 and ("correct service: &apos;ec2&apos;" in text or
                              "correct service: 'ec2'" in text), (status, text)


def boto3_ssm(endpoint):
    ssm = client("ssm", endpoint)
    assert ssm.get_parameter(Name=PARAMETER)["Parameter"]["Value"].startswith("ami-")
    assert error_of(client("ssm", endpoint, secret="wrong").get_parameter, Name=PARAMETER) == \
        ("InvalidSignatureException", 400)
    assert error_of(client("ssm", endpoint, key="AKIDNOBODY").get_parameter, Name=PARAMETER) == \
        ("UnrecognizedClientException", 400)


def aws_cli(endpoint, config_dir):
    s3v4 = os.path.join(config_dir, "s3v4.config")
    with open(s3v4, "w") as f:
        f.write("[default]\ns3 =\n    signature_version = s3v4\n")

    def aws(*args, secret="amisim-secret", stdin=None, config=os.devnull):
        env = client_env("us-east-1", "AKIDAMISIMTEST")
        env["AWS_SECRET_ACCESS_KEY"] = secret
        env["AWS_CONFIG_FILE"] = config
        return subprocess.run(["aws", "--endpoint-url", endpoint, *args], env=env, input=stdin,
                              capture_output=True, text=True, timeout=120)
    ok = aws("ec2", "describe-security-groups", "--query", "SecurityGroups[0].OwnerId",
             "--output", "text")
    assert ok.returncode == 0 and ok.stdout.strip() == "111111111111", (ok.stdout, ok.stderr)
    bad = aws("ec2", "describe-regions", secret="wrong")
    assert bad.returncode != 0 and "SignatureDoesNotMatch" in bad.stderr, bad.stderr
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "up.txt")
        with open(path, "w") as f:
            f.write("from the cli\n")
        assert aws("s3", "mb", "s3://sigv4-cli").returncode == 0
        up = aws("s3", "cp", path, "s3://sigv4-cli/up.txt")
        assert up.returncode == 0, up.stderr
        down = aws("s3", "cp", "s3://sigv4-cli/up.txt", "-")
        assert down.returncode == 0 and down.stdout == "from the cli\n", (down.stdout, down.stderr)
        bad_up = aws("s3", "cp", path, "s3://sigv4-cli/other.txt", secret="wrong")
        assert bad_up.returncode != 0 and "SignatureDoesNotMatch" in bad_up.stderr, bad_up.stderr
    # `aws s3 presign` writes Signature Version 2 URLs unless configured for s3v4.
    v2 = aws("s3", "presign", "s3://sigv4-cli/up.txt").stdout.strip()
    assert fetch(v2)[0] == 400, fetch(v2)
    url = aws("s3", "presign", "s3://sigv4-cli/up.txt", config=s3v4).stdout.strip()
    assert fetch(url) == (200, "from the cli\n"), fetch(url)


def js_sdk(endpoint):
    js = os.path.join(HERE, "js")
    if not os.path.isdir(os.path.join(js, "node_modules", "@aws-sdk", "client-ec2")):
        sys.exit("tests/e2e/js/node_modules is missing: run `make deps` (npm ci)")
    done = subprocess.run(["node", "sigv4.mjs", endpoint], cwd=js, capture_output=True, text=True,
                          env={**client_env(), "NODE_NO_WARNINGS": "1"}, timeout=120)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"sigv4.mjs exited {done.returncode}")


def main(binary):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "credentials")
        with open(path, "w") as f:
            f.write(CREDENTIALS)
        with AmisimServer(binary, "--auth", "sigv4", "--credentials", path) as server:
            health = server.control("GET", "/_amisim/health")  # the control plane is not signed
            assert health["status"] == "running", health
            boto3_ec2(server.endpoint)
            boto3_s3(server.endpoint)
            tampered_requests(server.endpoint)
            boto3_ssm(server.endpoint)
            aws_cli(server.endpoint, d)
            js_sdk(server.endpoint)
        bad = os.path.join(d, "bad")
        with open(bad, "w") as f:
            f.write("AKIDA secret 111111111111\nAKIDB secret\n")
        done = subprocess.run([binary, "serve", "--port", "0", "--auth", "sigv4",
                               "--credentials", bad], capture_output=True, text=True, timeout=30)
        assert done.returncode == 1, done
        assert done.stderr == f"amisim serve: {bad}: line 2: expected ACCESS_KEY_ID " \
            "SECRET_ACCESS_KEY ACCOUNT_ID, found 2 fields\n", done.stderr
    print("--auth sigv4 end-to-end: ok")


if __name__ == "__main__":
    main(sys.argv[1])
