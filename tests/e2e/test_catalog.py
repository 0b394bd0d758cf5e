"""Your own image catalogue and moto's routes, through boto3 (issue 16):
  - `serve --images fixtures/catalogs/moto-examples.json`: moto's example images (IDs and names
    from moto's moto/ec2/resources/amis.json) in us-west-1 and eu-west-1, launchable, next to the
    built-in catalogue; with --images-replace, the only public images;
  - `serve --images fixtures/catalogs/example-org.json`: a private image the grantee finds by name
    and launches, invisible to a third account;
  - POST /moto-api/seed?a=N resets with seed N: the same calls give the same IDs afterwards;
    GET /moto-api/data.json is a 404 naming /_amisim/state;
  - a bad image file: serve exits 1 with one line naming the entry;
  - a scenario with "images" run against a server fails to load (the server's catalogue is its own).

usage: test_catalog.py AMISIM_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from amisim_server import AmisimServer, catalogue_image_id, client_env

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
MOTO = os.path.join(ROOT, "fixtures", "catalogs", "moto-examples.json")
ORG = os.path.join(ROOT, "fixtures", "catalogs", "example-org.json")
# moto's tests/__init__.py
EXAMPLE_AMI_ID, EXAMPLE_AMI_PARAVIRTUAL = "ami-12c6146b", "ami-fa7cdd89"


def ec2(endpoint, region="us-east-1", account="123456789012"):
    env = client_env(region)
    session = boto3.session.Session(aws_access_key_id=account,
                                    aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                                    region_name=region)
    return session.client("ec2", endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError(f"{call.__name__}({kwargs}) should have failed")


def check_moto_examples(binary):
    with AmisimServer(binary, "--images", MOTO) as server:
        for region in ("us-west-1", "eu-west-1"):
            client = ec2(server.endpoint, region)
            image = client.describe_images(ImageIds=[EXAMPLE_AMI_ID])["Images"][0]
            assert image["Name"] == "Windows_Server-2008-R2_SP1-English-64Bit-Base-2017.10.13", image
            assert image["Platform"] == "windows" and image["OwnerId"] == "801119661308", image
            pv = client.describe_images(ImageIds=[EXAMPLE_AMI_PARAVIRTUAL])["Images"][0]
            assert pv["VirtualizationType"] == "paravirtual", pv
            run = client.run_instances(ImageId=EXAMPLE_AMI_ID, InstanceType="t2.micro",
                                       MinCount=1, MaxCount=1)
            assert run["Instances"][0]["ImageId"] == EXAMPLE_AMI_ID
        # Added: the built-in catalogue is still there.
        builtin = catalogue_image_id("al2023-x86_64", "us-east-1")
        assert ec2(server.endpoint).describe_images(ImageIds=[builtin])["Images"]
    with AmisimServer(binary, "--images", MOTO, "--images-replace") as server:
        client = ec2(server.endpoint, "us-west-1")
        owners = {i["OwnerId"] for i in client.describe_images(Owners=["amazon"])["Images"]}
        names = {i["ImageId"] for i in client.describe_images(Owners=["amazon"])["Images"]}
        assert EXAMPLE_AMI_ID in names and len(names) == 39, len(names)
        assert catalogue_image_id("al2023-x86_64", "us-west-1") not in names
        assert "801119661308" in owners


def check_org_catalogue(binary):
    with AmisimServer(binary, "--images", ORG) as server:
        mine = ec2(server.endpoint)
        found = mine.describe_images(Owners=["111122223333"],
                                     Filters=[{"Name": "name", "Values": ["org-base-al2023-*"]}])
        # The older image is deprecated: hidden from a grantee unless it asks for deprecated ones.
        assert [i["ImageId"] for i in found["Images"]] == ["ami-0b5e0a1c2d3e4f567"], found
        both = mine.describe_images(Owners=["111122223333"], IncludeDeprecated=True)["Images"]
        assert len(both) == 2, both
        mine.run_instances(ImageId="ami-0b5e0a1c2d3e4f567", InstanceType="t3.micro",
                           MinCount=1, MaxCount=1)
        stranger = ec2(server.endpoint, account="210987654321")
        assert error_code(stranger.describe_images,
                          ImageIds=["ami-0b5e0a1c2d3e4f567"]) == "InvalidAMIID.NotFound"


def post(url):
    request = urllib.request.Request(url, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read() or b"{}")


def check_moto_routes(binary):
    with AmisimServer(binary) as server:
        def volume_ids():
            client = ec2(server.endpoint)
            return [client.create_volume(AvailabilityZone="us-east-1a", Size=1)["VolumeId"]
                    for _ in range(2)]
        status, body = post(server.endpoint + "/moto-api/seed?a=42")
        assert status == 200 and body["seed"] == 42, body
        first = volume_ids()
        post(server.endpoint + "/moto-api/seed?a=42")
        assert volume_ids() == first, "same seed, same IDs"
        post(server.endpoint + "/moto-api/seed?a=43")
        assert volume_ids() != first
        for bad in ("/moto-api/seed", "/moto-api/seed?a=x"):
            try:
                post(server.endpoint + bad)
                raise AssertionError(bad + " should be refused")
            except urllib.error.HTTPError as e:
                assert e.code == 400, (bad, e.code)
        try:
            urllib.request.urlopen(server.endpoint + "/moto-api/data.json", timeout=30)
            raise AssertionError("data.json should be a 404")
        except urllib.error.HTTPError as e:
            assert e.code == 404 and "/_amisim/state" in e.read().decode()


def check_bad_file(binary):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"Regions": "*", "Images": [{"ImageId": "ami-12c6146b", "OwnerId": "123456789012",
                                               "Name": "ok-image"},
                                              {"ImageId": "ami-bad", "OwnerId": "123456789012",
                                               "Name": "bad-image"}]}, f)
    try:
        done = subprocess.run([binary, "serve", "--port", "0", "--images", f.name],
                              capture_output=True, text=True, timeout=30)
    finally:
        os.unlink(f.name)
    assert done.returncode == 1, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Images[1] (ami-bad)" in lines[0], lines
    assert "listening" not in done.stdout


def check_scenario_against_server(binary):
    """A scenario's "images" cannot change a running server's catalogue: it fails to load."""
    scenario = os.path.join(ROOT, "tests", "scenarios", "catalog", "org-base-image.json")
    with AmisimServer(binary, "--images", ORG) as server:
        done = subprocess.run([binary, "run", scenario, "--endpoint", server.endpoint],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done
    assert '"images" needs an in-process run' in done.stdout, done.stdout


def main():
    binary = sys.argv[1]
    check_scenario_against_server(binary)
    check_moto_examples(binary)
    check_org_catalogue(binary)
    check_moto_routes(binary)
    check_bad_file(binary)
    print("catalog: ok")


if __name__ == "__main__":
    main()
