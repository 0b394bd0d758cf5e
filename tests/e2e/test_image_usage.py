"""What still uses an image, its lineage, and block public access for AMIs, through boto3 and the
aws CLI against `amisim serve` (clock mode instant): DescribeImageReferences,
DescribeInstanceImageMetadata, GetImageAncestry, Enable/DisableImageBlockPublicAccess and
GetImageBlockPublicAccessState, each once with each client; LastLaunchedTime's 24-hour lag.

usage: test_image_usage.py AMISIM_BINARY
"""
import json
import subprocess
import sys
from datetime import datetime

from botocore.exceptions import ClientError

from amisim_server import AmisimServer, boto3_client, catalogue_image_id, client_env, error_of

AL2023 = catalogue_image_id("al2023-x86_64", "us-east-1")
ACCOUNT = "123456789012"


def ec2_client(endpoint, region="us-east-1"):
    return boto3_client("ec2", endpoint, region)


def error_code(call, **kwargs):
    return error_of(call, **kwargs)[0]


def golden_image(ec2, name):
    """A builder from al2023 and an image of it; returns (image ID, builder ID)."""
    builder = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                MaxCount=1)["Instances"][0]["InstanceId"]
    image = ec2.create_image(InstanceId=builder, Name=name, NoReboot=True)["ImageId"]
    ec2.get_waiter("image_available").wait(ImageIds=[image],
                                           WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    return image, builder


def check_boto3(server):
    ec2 = ec2_client(server.endpoint)
    golden, _ = golden_image(ec2, "golden-boto3")
    app = ec2.run_instances(ImageId=golden, InstanceType="t3.micro", MinCount=1,
                            MaxCount=1)["Instances"][0]
    template = ec2.create_launch_template(
        LaunchTemplateName="web-boto3",
        LaunchTemplateData={"ImageId": golden, "InstanceType": "t3.micro"})["LaunchTemplate"]

    # DescribeImageReferences: the instance and the template, with EC2's ARNs.
    refs = ec2.describe_image_references(ImageIds=[golden],
                                         IncludeAllResourceTypes=True)["ImageReferences"]
    arns = {r["Arn"] for r in refs}
    assert arns == {f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/{app['InstanceId']}",
                    f"arn:aws:ec2:us-east-1:{ACCOUNT}:launch-template/"
                    f"{template['LaunchTemplateId']}"}, refs
    stopped_only = ec2.describe_image_references(
        ImageIds=[golden],
        ResourceTypes=[{"ResourceType": "ec2:Instance",
                        "ResourceTypeOptions": [{"OptionName": "state-name",
                                                 "OptionValues": ["stopped"]}]}])
    assert stopped_only["ImageReferences"] == [], stopped_only
    assert error_code(ec2.describe_image_references, ImageIds=[golden] * 11,
                      IncludeAllResourceTypes=True) == "InvalidParameterValue"

    # LastLaunchedTime shows the launch a day later.
    attr = ec2.describe_image_attribute(ImageId=golden, Attribute="lastLaunchedTime")
    assert "Value" not in attr.get("LastLaunchedTime", {}), attr
    server.control("POST", "/_amisim/clock/advance", {"seconds": 86400})
    image = ec2.describe_images(ImageIds=[golden])["Images"][0]
    shown = datetime.fromisoformat(image["LastLaunchedTime"].replace("Z", "+00:00"))
    assert shown == app["LaunchTime"], (image, app["LaunchTime"])

    # DescribeInstanceImageMetadata: still answered once the AMI is deregistered.
    ec2.deregister_image(ImageId=golden)
    meta = ec2.describe_instance_image_metadata(InstanceIds=[app["InstanceId"]])
    entry = meta["InstanceImageMetadata"][0]
    assert entry["ImageMetadata"]["ImageId"] == golden
    assert entry["ImageMetadata"]["State"] == "deregistered"
    assert entry["ImageMetadata"]["Name"] == "golden-boto3"
    assert entry["ZoneId"].startswith("use1-az"), entry
    assert error_code(ec2.describe_instance_image_metadata, MaxResults=1001) == \
        "InvalidParameterValue"

    # GetImageAncestry: a copy in Ireland goes back through its source to Amazon's image.
    source, _ = golden_image(ec2, "golden-source")
    eu = ec2_client(server.endpoint, "eu-west-1")
    copy = eu.copy_image(SourceRegion="us-east-1", SourceImageId=source, Name="golden-eu")
    eu.get_waiter("image_available").wait(ImageIds=[copy["ImageId"]],
                                          WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    chain = eu.get_image_ancestry(ImageId=copy["ImageId"])["ImageAncestryEntries"]
    assert [e["ImageId"] for e in chain] == [copy["ImageId"], source, AL2023], chain
    assert chain[0]["SourceImageRegion"] == "us-east-1"
    assert chain[2]["ImageOwnerAlias"] == "amazon"
    assert error_code(eu.get_image_ancestry, ImageId="ami-0123456789abcdef0") == \
        "InvalidAMIID.NotFound"

    # Block public access: instant mode finishes the 10 minutes before the next call.
    assert ec2.get_image_block_public_access_state()["ImageBlockPublicAccessState"] == "unblocked"
    enabled = ec2.enable_image_block_public_access(ImageBlockPublicAccessState="block-new-sharing")
    assert enabled["ImageBlockPublicAccessState"] == "block-new-sharing"
    state = ec2.get_image_block_public_access_state()
    assert (state["ImageBlockPublicAccessState"], state["ManagedBy"]) == \
        ("block-new-sharing", "account"), state
    try:
        ec2.modify_image_attribute(ImageId=source,
                                   LaunchPermission={"Add": [{"Group": "all"}]})
        raise AssertionError("making an image public should be refused")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "OperationNotPermitted", e.response
        assert "block public access for AMIs is enabled" in e.response["Error"]["Message"]
    disabled = ec2.disable_image_block_public_access()
    assert disabled["ImageBlockPublicAccessState"] == "unblocked"
    ec2.modify_image_attribute(ImageId=source, LaunchPermission={"Add": [{"Group": "all"}]})
    assert ec2.describe_images(ImageIds=[source])["Images"][0]["Public"] is True
    assert error_code(ec2.enable_image_block_public_access,
                      ImageBlockPublicAccessState="unblocked") == "InvalidParameterValue"


def check_cli(server):
    env = client_env("us-east-1")

    def aws(*args, region="us-east-1", expect_error=None):
        cmd = ["aws", "--endpoint-url", server.endpoint, "--region", region, "--output", "json",
               "ec2", *args]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        if expect_error:
            assert done.returncode != 0 and f"({expect_error})" in done.stderr, done.stderr
            return None
        assert done.returncode == 0, f"aws ec2 {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else None

    instance = aws("run-instances", "--image-id", AL2023, "--instance-type", "t3.micro",
                   "--count", "1")["Instances"][0]["InstanceId"]
    refs = aws("describe-image-references", "--image-ids", AL2023, "--resource-types",
               "ResourceType=ec2:Instance,ResourceTypeOptions=[{OptionName=state-name,"
               "OptionValues=[running]}]")["ImageReferences"]
    assert f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/{instance}" in {r["Arn"] for r in refs}, refs
    aws("describe-image-references", "--image-ids", AL2023, "--resource-types",
        "ResourceType=ec2:LaunchTemplate,ResourceTypeOptions=[{OptionName=version-depth,"
        "OptionValues=[0]}]", expect_error="InvalidParameterValue")
    meta = aws("describe-instance-image-metadata", "--instance-ids", instance)
    assert meta["InstanceImageMetadata"][0]["ImageMetadata"]["ImageOwnerAlias"] == "amazon", meta
    chain = aws("get-image-ancestry", "--image-id", AL2023)["ImageAncestryEntries"]
    assert [e["ImageId"] for e in chain] == [AL2023], chain
    aws("get-image-ancestry", "--image-id", "ami-nothex", expect_error="InvalidAMIID.Malformed")
    state = aws("get-image-block-public-access-state", region="eu-north-1")
    assert state == {"ImageBlockPublicAccessState": "unblocked", "ManagedBy": "account"}, state
    enabled = aws("enable-image-block-public-access", "--image-block-public-access-state",
                  "block-new-sharing", region="eu-north-1")
    assert enabled == {"ImageBlockPublicAccessState": "block-new-sharing"}, enabled
    state = aws("get-image-block-public-access-state", region="eu-north-1")
    assert state["ImageBlockPublicAccessState"] == "block-new-sharing", state
    disabled = aws("disable-image-block-public-access", region="eu-north-1")
    assert disabled == {"ImageBlockPublicAccessState": "unblocked"}, disabled


def main(binary):
    with AmisimServer(binary) as server:
        check_boto3(server)
        check_cli(server)
    print("image usage e2e: ok")


if __name__ == "__main__":
    main(sys.argv[1])
