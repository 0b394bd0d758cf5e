"""The wire as real clients use it (issue 15, sections 3 and 4), with the aws CLI and boto3:

- `--dry-run` runs every check the real call runs: a launch that cannot work fails with the real
  error (unknown instance type, arm64 type with an x86_64 AMI, unknown AMI), one that would work
  answers DryRunOperation, and nothing is launched either way;
- STS GetCallerIdentity answers the caller's account (`aws sts get-caller-identity`, boto3's sts
  client), in the default mode and under `--auth sigv4` (the credentials file's account); other
  STS and IAM calls are InvalidAction;
- empty optional strings, as Packer sends them (VpcId=, Placement.AvailabilityZone=), are absent.

The JS SDK v3's STS client (tests/e2e/js/sts.mjs, @aws-sdk/client-sts pinned in the lockfile)
asks GetCallerIdentity too.

usage: test_edge.py AMISIM_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from amisim_server import AmisimServer, catalogue_image_id, client_env

HERE = os.path.dirname(os.path.abspath(__file__))
AL2023 = catalogue_image_id("al2023-x86_64", "us-east-1")
CREDENTIALS = "AKIDEDGETEST edge-secret 333333333333\n"


def aws(endpoint, *args, env=None, expect_error=None):
    cmd = ["aws", "--endpoint-url", endpoint, "--output", "json", *args]
    done = subprocess.run(cmd, env=env or client_env(), capture_output=True, text=True,
                          timeout=120)
    if expect_error:
        assert done.returncode != 0, f"{args} should fail with {expect_error}"
        assert f"({expect_error})" in done.stderr, f"{args}: {done.stderr}"
        return done.stderr
    assert done.returncode == 0, f"aws {' '.join(args)} failed: {done.stderr}"
    return json.loads(done.stdout) if done.stdout.strip() else None


def client(service, endpoint, key="AKIDAMISIMTEST", secret="amisim-secret"):
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                    region_name="us-east-1")
    return session.client(service, endpoint_url=endpoint,
                          config=Config(retries={"max_attempts": 1}))


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call.__name__}({kwargs}) should have failed")


def cli_dry_runs(endpoint):
    run = ["ec2", "run-instances", "--image-id", AL2023, "--count", "1", "--dry-run"]
    err = aws(endpoint, *run, "--instance-type", "t3.nosuch", expect_error="InvalidParameterValue")
    assert "Invalid value 't3.nosuch' for InstanceType." in err, err
    err = aws(endpoint, *run, "--instance-type", "t4g.micro", expect_error="InvalidParameterValue")
    assert "architecture" in err, err
    aws(endpoint, "ec2", "run-instances", "--image-id", "ami-0123456789abcdef0", "--count", "1",
        "--instance-type", "t3.micro", "--dry-run", expect_error="InvalidAMIID.NotFound")
    err = aws(endpoint, *run, "--instance-type", "t3.micro", expect_error="DryRunOperation")
    assert "Request would have succeeded, but DryRun flag is set." in err, err
    assert aws(endpoint, "ec2", "describe-instances")["Reservations"] == []


def boto3_dry_runs(endpoint):
    ec2 = client("ec2", endpoint)
    launch = dict(ImageId=AL2023, MinCount=1, MaxCount=1, DryRun=True)
    assert error_of(ec2.run_instances, InstanceType="t3.nosuch", **launch) == \
        ("InvalidParameterValue", 400)
    assert error_of(ec2.run_instances, InstanceType="t4g.micro", **launch) == \
        ("InvalidParameterValue", 400)
    assert error_of(ec2.run_instances, InstanceType="t3.micro",
                    **{**launch, "ImageId": "ami-0123456789abcdef0"}) == \
        ("InvalidAMIID.NotFound", 400)
    assert error_of(ec2.run_instances, InstanceType="t3.micro", **launch) == \
        ("DryRunOperation", 412)
    assert ec2.describe_instances()["Reservations"] == []
    # A real instance: stopping it as a dry run checks it and leaves it running.
    instance = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)["Instances"][0]["InstanceId"]
    assert error_of(ec2.stop_instances, InstanceIds=[instance], DryRun=True) == \
        ("DryRunOperation", 412)
    assert error_of(ec2.stop_instances, InstanceIds=["i-0123456789abcdef0"], DryRun=True) == \
        ("InvalidInstanceID.NotFound", 400)
    state = ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]
    assert state["State"]["Name"] == "running", state
    assert error_of(ec2.describe_images, Owners=["amazon"], DryRun=True) == \
        ("DryRunOperation", 412)


def empty_optional_strings(endpoint):
    """Packer's plain template: no VPC, subnet or zone, sent as empty strings."""
    ec2 = client("ec2", endpoint)
    group = ec2.create_security_group(GroupName="packer_edge", Description="Temporary group",
                                      VpcId="")["GroupId"]
    reservation = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                    MaxCount=1, SecurityGroupIds=[group], SubnetId="",
                                    Placement={"AvailabilityZone": ""},
                                    IamInstanceProfile={"Name": ""})
    zone = reservation["Instances"][0]["Placement"]["AvailabilityZone"]
    assert zone.startswith("us-east-1"), zone


def sts_default_mode(endpoint):
    who = aws(endpoint, "sts", "get-caller-identity")
    assert who == {"UserId": "123456789012", "Account": "123456789012",
                   "Arn": "arn:aws:iam::123456789012:root"}, who
    env = client_env(access_key="210987654321")
    assert aws(endpoint, "sts", "get-caller-identity", env=env)["Account"] == "210987654321"
    sts = client("sts", endpoint, key="210987654321")
    who = sts.get_caller_identity()
    assert (who["Account"], who["Arn"]) == ("210987654321", "arn:aws:iam::210987654321:root")
    assert error_of(sts.get_session_token) == ("InvalidAction", 400)
    assert error_of(client("iam", endpoint).list_users) == ("InvalidAction", 400)


def sts_js_sdk(endpoint):
    js = os.path.join(HERE, "js")
    if not os.path.isdir(os.path.join(js, "node_modules", "@aws-sdk", "client-sts")):
        sys.exit("tests/e2e/js/node_modules lacks @aws-sdk/client-sts: run `make deps` (npm ci)")
    done = subprocess.run(["node", "sts.mjs", endpoint], cwd=js,
                          env={**client_env(), "NODE_NO_WARNINGS": "1"}, capture_output=True,
                          text=True, timeout=180)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    assert done.returncode == 0, f"sts.mjs exited {done.returncode}"


def sts_sigv4(binary):
    with tempfile.TemporaryDirectory() as tmp:
        creds = os.path.join(tmp, "creds.txt")
        with open(creds, "w") as f:
            f.write(CREDENTIALS)
        with AmisimServer(binary, "--auth", "sigv4", "--credentials", creds) as server:
            sts = client("sts", server.endpoint, key="AKIDEDGETEST", secret="edge-secret")
            assert sts.get_caller_identity()["Account"] == "333333333333"
            env = client_env(access_key="AKIDEDGETEST")
            env["AWS_SECRET_ACCESS_KEY"] = "edge-secret"
            who = aws(server.endpoint, "sts", "get-caller-identity", env=env)
            assert who["Arn"] == "arn:aws:iam::333333333333:root", who
            wrong = client("sts", server.endpoint, key="AKIDEDGETEST", secret="wrong")
            assert error_of(wrong.get_caller_identity) == ("SignatureDoesNotMatch", 403)


def main(binary):
    with AmisimServer(binary) as server:
        cli_dry_runs(server.endpoint)
        boto3_dry_runs(server.endpoint)
        empty_optional_strings(server.endpoint)
        sts_default_mode(server.endpoint)
        sts_js_sdk(server.endpoint)
    sts_sigv4(binary)
    print("edge end-to-end: ok")


if __name__ == "__main__":
    main(sys.argv[1])
