"""Allowed AMIs through the real clients: boto3's EnableAllowedImagesSettings,
DisableAllowedImagesSettings, GetAllowedImagesSettings and
ReplaceImageCriteriaInAllowedImagesSettings, with what they govern (DescribeImages' ImageAllowed
and image-allowed filter, RunInstances refused with InvalidAMIID.NotFound, the account's own
images still usable) and bad input refused with nothing changed; then the aws CLI once for each
action.

usage: test_allowed_amis.py AMISIM_BINARY
"""
import json
import subprocess
import sys

from amisim_server import AmisimServer, boto3_client, catalogue_image_id, client_env, error_of

REGION = "us-east-1"
AL2023 = catalogue_image_id("al2023-x86_64", REGION)
VENDOR = "210987654321"


def client(endpoint, account="AKIDAMISIMTEST"):
    return boto3_client("ec2", endpoint, REGION, account)


def image_of(ec2, name):
    """An available image of the client's account, made from a new instance (CreateImage)."""
    instance = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)["Instances"][0]["InstanceId"]
    return ec2.create_image(InstanceId=instance, Name=name, NoReboot=True)["ImageId"]


def launch(ec2, image):
    return ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1)


def allowed_flag(ec2, image):
    return ec2.describe_images(ImageIds=[image])["Images"][0].get("ImageAllowed")


def check_boto3(endpoint):
    ec2 = client(endpoint)
    vendor = client(endpoint, VENDOR)
    golden = image_of(vendor, "golden-web-1")
    scratch = image_of(vendor, "scratch")
    for image in (golden, scratch):
        vendor.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
    mine = image_of(ec2, "my-own")

    start = ec2.get_allowed_images_settings()
    assert start["State"] == "disabled" and start["ManagedBy"] == "account", start
    assert "ImageCriteria" not in start, start
    assert allowed_flag(ec2, scratch) is None  # disabled: not reported

    criteria = [{"ImageProviders": ["amazon", "aws-marketplace"]},
                {"ImageProviders": [VENDOR], "ImageNames": ["golden-*"],
                 "CreationDateCondition": {"MaximumDaysSinceCreated": 300}}]
    assert ec2.replace_image_criteria_in_allowed_images_settings(
        ImageCriteria=criteria)["ReturnValue"] is True
    assert ec2.enable_allowed_images_settings(
        AllowedImagesSettingsState="audit-mode")["AllowedImagesSettingsState"] == "audit-mode"
    got = ec2.get_allowed_images_settings()
    assert got["State"] == "audit-mode" and got["ImageCriteria"] == criteria, got
    assert allowed_flag(ec2, scratch) is False
    assert allowed_flag(ec2, golden) is True
    assert allowed_flag(ec2, AL2023) is True
    assert allowed_flag(ec2, mine) is True
    not_allowed = ec2.describe_images(Filters=[{"Name": "image-allowed", "Values": ["false"]}])
    assert [i["ImageId"] for i in not_allowed["Images"]] == [scratch], not_allowed
    launch(ec2, scratch)  # audit mode blocks nothing

    # Bad input: AWS's codes, nothing changed.
    assert error_of(ec2.enable_allowed_images_settings,
                    AllowedImagesSettingsState="on") == ("InvalidParameterValue", 400)
    too_many = [{"ImageNames": [f"n{i}"]} for i in range(11)]
    assert error_of(ec2.replace_image_criteria_in_allowed_images_settings,
                    ImageCriteria=too_many) == ("InvalidParameterValue", 400)
    assert error_of(ec2.replace_image_criteria_in_allowed_images_settings,
                    ImageCriteria=[{"ImageProviders": ["none", "amazon"]}]) == \
        ("InvalidParameterCombination", 400)
    assert error_of(ec2.replace_image_criteria_in_allowed_images_settings,
                    ImageCriteria=[{"ImageProviders": [VENDOR] * 201}]) == \
        ("InvalidParameterValue", 400)
    assert error_of(ec2.disable_allowed_images_settings, DryRun=True) == \
        ("DryRunOperation", 412)
    after = ec2.get_allowed_images_settings()
    assert (after["State"], after["ImageCriteria"]) == ("audit-mode", criteria), after

    assert ec2.enable_allowed_images_settings(
        AllowedImagesSettingsState="enabled")["AllowedImagesSettingsState"] == "enabled"
    listed = {i["ImageId"] for i in ec2.describe_images(Owners=[VENDOR])["Images"]}
    assert listed == {golden}, listed
    assert error_of(ec2.describe_images, ImageIds=[scratch]) == ("InvalidAMIID.NotFound", 400)
    assert error_of(launch, ec2=ec2, image=scratch) == ("InvalidAMIID.NotFound", 400)
    launch(ec2, golden)
    launch(ec2, mine)  # the account's own images are never restricted
    assert allowed_flag(ec2, mine) is True
    # The vendor's own setting is its own.
    assert vendor.get_allowed_images_settings()["State"] == "disabled"

    assert ec2.disable_allowed_images_settings()["AllowedImagesSettingsState"] == "disabled"
    launch(ec2, scratch)
    assert ec2.get_allowed_images_settings()["ImageCriteria"] == criteria


def check_cli(endpoint):
    env = client_env(REGION)

    def aws(*args):
        done = subprocess.run(["aws", "--endpoint-url", endpoint, "--output", "json", "ec2", *args],
                              env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"aws {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else {}

    def aws_error(code, *args):
        done = subprocess.run(["aws", "--endpoint-url", endpoint, "ec2", *args], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and f"({code})" in done.stderr, done.stderr

    assert aws("get-allowed-images-settings")["State"] == "disabled"
    assert aws("replace-image-criteria-in-allowed-images-settings", "--image-criteria",
               json.dumps([{"ImageProviders": [VENDOR]}]))["ReturnValue"] is True
    assert aws("enable-allowed-images-settings", "--allowed-images-settings-state",
               "enabled")["AllowedImagesSettingsState"] == "enabled"
    got = aws("get-allowed-images-settings")
    assert got["State"] == "enabled" and got["ImageCriteria"] == [{"ImageProviders": [VENDOR]}]
    aws_error("InvalidAMIID.NotFound", "run-instances", "--image-id", AL2023, "--instance-type",
              "t3.micro")
    aws_error("InvalidParameterValue", "enable-allowed-images-settings",
              "--allowed-images-settings-state", "disabled")
    assert aws("disable-allowed-images-settings")["AllowedImagesSettingsState"] == "disabled"
    aws("run-instances", "--image-id", AL2023, "--instance-type", "t3.micro")


def main(binary):
    with AmisimServer(binary) as server:
        check_boto3(server.endpoint)
    with AmisimServer(binary) as server:
        check_cli(server.endpoint)
    print("allowed AMIs: boto3 and the aws CLI agree with AWS's documented behaviour")


if __name__ == "__main__":
    main(sys.argv[1])
