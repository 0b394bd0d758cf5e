"""Every commercial Region, with opt-in, through the real clients: boto3's `account` client
(EnableRegion, GetRegionOptStatus, ListRegions, DisableRegion), EC2 DescribeRegions with
AllRegions, DescribeAvailabilityZones and DescribeInstanceTypes in a newly modelled Region, the
AuthFailure an opt-in Region answers before it is enabled, CopyImage into it after, and one aws
CLI call of each service.

usage: test_regions.py AMISIM_BINARY
"""
import json
import subprocess
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from amisim_server import AmisimServer, catalogue_image_id, client_env

AL2023 = catalogue_image_id("al2023-x86_64", "us-east-1")


def client(service, endpoint, region="us-east-1"):
    env = client_env(region)
    session = boto3.session.Session(aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                                    aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                                    region_name=region)
    return session.client(service, endpoint_url=endpoint,
                          config=Config(retries={"max_attempts": 1}))


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call.__name__}({kwargs}) should have failed")


def check_regions(endpoint):
    ec2 = client("ec2", endpoint)
    account = client("account", endpoint)
    enabled = {r["RegionName"] for r in ec2.describe_regions()["Regions"]}
    everything = ec2.describe_regions(AllRegions=True)["Regions"]
    assert len(everything) == 34, len(everything)
    assert "us-west-1" in enabled and "eu-north-1" in enabled and "af-south-1" not in enabled
    by_name = {r["RegionName"]: r for r in everything}
    assert by_name["af-south-1"]["OptInStatus"] == "not-opted-in", by_name["af-south-1"]
    assert by_name["eu-west-3"]["OptInStatus"] == "opt-in-not-required"
    assert by_name["me-south-1"]["Endpoint"] == "ec2.me-south-1.amazonaws.com"

    # Not enabled: EC2 there answers AuthFailure, as AWS does.
    cape = client("ec2", endpoint, "af-south-1")
    assert error_code(cape.describe_images, Owners=["amazon"]) == ("AuthFailure", 401)

    status = account.get_region_opt_status(RegionName="af-south-1")
    assert status["RegionOptStatus"] == "DISABLED", status
    assert account.get_region_opt_status(RegionName="us-east-1")["RegionOptStatus"] == \
        "ENABLED_BY_DEFAULT"
    account.enable_region(RegionName="af-south-1")
    # The server's clock mode is instant: ENABLING has ended by the next call.
    assert account.get_region_opt_status(RegionName="af-south-1")["RegionOptStatus"] == "ENABLED"
    listed = account.list_regions(RegionOptStatusContains=["ENABLED", "ENABLING"])["Regions"]
    assert listed == [{"RegionName": "af-south-1", "RegionOptStatus": "ENABLED"}], listed
    pages = account.get_paginator("list_regions").paginate(PaginationConfig={"PageSize": 10})
    assert sum(len(p["Regions"]) for p in pages) == 34
    assert error_code(account.enable_region, RegionName="af-south-1") == \
        ("ValidationException", 400)
    assert error_code(account.disable_region, RegionName="us-east-1") == \
        ("ValidationException", 400)
    assert error_code(account.get_region_opt_status, RegionName="mars-north-1")[0] == \
        "ValidationException"

    # Enabled: the Region works, with its own catalogue, and takes a copy.
    zones = cape.describe_availability_zones()["AvailabilityZones"]
    assert [z["ZoneId"] for z in zones] == ["afs1-az1", "afs1-az2", "afs1-az3"], zones
    copy = cape.copy_image(SourceRegion="us-east-1", SourceImageId=AL2023, Name="golden-cpt")
    cape.get_waiter("image_available").wait(ImageIds=[copy["ImageId"]],
                                            WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    local = cape.describe_images(Owners=["amazon"],
                                 Filters=[{"Name": "name", "Values": ["al2023-ami-*"]}])["Images"]
    assert local and all(i["ImageId"] != AL2023 for i in local), local
    assert "af-south-1" in {r["RegionName"] for r in ec2.describe_regions()["Regions"]}

    account.disable_region(RegionName="af-south-1")
    assert account.get_region_opt_status(RegionName="af-south-1")["RegionOptStatus"] == "DISABLED"
    assert error_code(cape.describe_images, Owners=["self"]) == ("AuthFailure", 401)


def check_new_region_and_types(endpoint):
    stockholm = client("ec2", endpoint, "eu-north-1")
    zones = stockholm.describe_availability_zones()["AvailabilityZones"]
    assert [z["ZoneName"] for z in zones] == ["eu-north-1a", "eu-north-1b", "eu-north-1c"]
    copy = stockholm.copy_image(SourceRegion="us-east-1", SourceImageId=AL2023, Name="golden-arn")
    stockholm.get_waiter("image_available").wait(ImageIds=[copy["ImageId"]],
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    types = stockholm.describe_instance_types(InstanceTypes=["t3.micro", "t4g.small"])
    by_name = {t["InstanceType"]: t for t in types["InstanceTypes"]}
    assert by_name["t4g.small"]["ProcessorInfo"]["SupportedArchitectures"] == ["arm64"]
    assert by_name["t3.micro"]["VCpuInfo"]["DefaultVCpus"] == 2
    assert error_code(stockholm.describe_instance_types, InstanceTypes=["m1.small"]) == \
        ("InvalidInstanceType", 400)
    everything = [t for p in stockholm.get_paginator("describe_instance_types").paginate()
                  for t in p["InstanceTypes"]]
    assert len(everything) == len({t["InstanceType"] for t in everything}) > 20
    offerings = stockholm.describe_instance_type_offerings(
        LocationType="availability-zone-id",
        Filters=[{"Name": "instance-type", "Values": ["t3.micro"]}])["InstanceTypeOfferings"]
    assert sorted(o["Location"] for o in offerings) == ["eun1-az1", "eun1-az2", "eun1-az3"]


def check_cli(endpoint):
    env = client_env("us-east-1")
    def aws(*args):
        done = subprocess.run(["aws", "--endpoint-url", endpoint, "--output", "json", *args],
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"aws {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else None
    regions = aws("ec2", "describe-regions", "--all-regions",
                  "--filters", "Name=opt-in-status,Values=not-opted-in")["Regions"]
    assert "me-south-1" in {r["RegionName"] for r in regions}, regions
    aws("account", "enable-region", "--region-name", "me-south-1")
    status = aws("account", "get-region-opt-status", "--region-name", "me-south-1")
    assert status == {"RegionName": "me-south-1", "RegionOptStatus": "ENABLED"}, status


def main(binary):
    with AmisimServer(binary) as server:
        check_regions(server.endpoint)
        check_new_region_and_types(server.endpoint)
        check_cli(server.endpoint)
    print("regions e2e: ok")


if __name__ == "__main__":
    main(sys.argv[1])
