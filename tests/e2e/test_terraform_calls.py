"""Terraform-style reads with boto3 against `amisim serve`: the calls the AWS provider makes for
`data "aws_ami"`, `aws_instance` (with `metadata_options` and `monitoring`),
`aws_ec2_instance_metadata_defaults`, `aws_ami_from_instance` and `aws_ami_copy`, in its order and
with its parameters, and the attributes it reads from the answers (the provider cannot be installed
here; the calls are read from hashicorp/terraform-provider-aws v5, internal/service/ec2:
ami_data_source.go, ec2_instance.go, ec2_instance_metadata_defaults.go, ami_from_instance.go,
ami_copy.go, ami.go).

usage: test_terraform_calls.py AMISIM_BINARY
"""
import base64
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from amisim_server import AmisimServer, client_env
from test_boto3 import ec2_client

REGION, COPY_REGION = "us-east-1", "eu-west-1"
USER_DATA = "#!/bin/sh\necho terraform > /etc/motd\n"


def provider_start(endpoint):
    """The provider asks STS who it is before anything else (unless told to skip)."""
    env = client_env(REGION)
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=REGION,
                       aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                       aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                       config=Config(retries={"max_attempts": 1}))
    identity = sts.get_caller_identity()
    assert identity["Account"] == "123456789012", identity
    assert identity["Arn"].startswith("arn:aws:"), identity


def data_aws_ami(ec2):
    """data "aws_ami" { most_recent = true, owners = ["amazon"], filter name/virtualization }."""
    pages = ec2.get_paginator("describe_images").paginate(
        IncludeDeprecated=False, Owners=["amazon"],
        Filters=[{"Name": "name", "Values": ["al2023-ami-*-kernel-6.1-x86_64"]},
                 {"Name": "virtualization-type", "Values": ["hvm"]}])
    images = [i for page in pages for i in page["Images"]]
    assert images, "the query returned no results"
    image = max(images, key=lambda i: i["CreationDate"])  # most_recent, client-side
    for key in ("Architecture", "CreationDate", "Hypervisor", "ImageId", "ImageLocation",
                "ImageType", "Name", "OwnerId", "PlatformDetails", "Public", "RootDeviceName",
                "RootDeviceType", "State", "UsageOperation", "VirtualizationType", "EnaSupport",
                "BlockDeviceMappings"):
        assert key in image, key
    root = [m for m in image["BlockDeviceMappings"] if m["DeviceName"] == image["RootDeviceName"]]
    assert root and root[0]["Ebs"]["SnapshotId"].startswith("snap-"), image  # root_snapshot_id
    for key in ("DeleteOnTermination", "Encrypted", "VolumeSize", "VolumeType"):
        assert key in root[0]["Ebs"], key
    return image


def wait_instance(ec2, instance_id, state):
    ec2.get_waiter(f"instance_{state}").wait(InstanceIds=[instance_id],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    return ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]


def aws_instance_read(ec2, instance):
    """resourceInstanceRead: the instance, its type, its VPC, volumes and attributes."""
    instance_id = instance["InstanceId"]
    itype = ec2.describe_instance_types(InstanceTypes=[instance["InstanceType"]])["InstanceTypes"]
    assert itype and itype[0]["InstanceType"] == instance["InstanceType"], itype
    for key in ("PrivateIpAddress", "PrivateDnsName", "SubnetId", "VpcId", "NetworkInterfaces",
                "SecurityGroups", "Placement", "RootDeviceName", "BlockDeviceMappings"):
        assert key in instance, key
    vpc = ec2.describe_vpcs(VpcIds=[instance["VpcId"]])["Vpcs"][0]
    assert vpc["IsDefault"] is True, vpc  # default VPC: the provider keeps group names
    primary = [n for n in instance["NetworkInterfaces"] if n["Attachment"]["DeviceIndex"] == 0]
    assert primary and primary[0]["SubnetId"] == instance["SubnetId"], instance
    volume_ids = [m["Ebs"]["VolumeId"] for m in instance["BlockDeviceMappings"]]
    volumes = ec2.describe_volumes(VolumeIds=volume_ids)["Volumes"]
    assert {v["VolumeId"] for v in volumes} == set(volume_ids)
    for attribute, key in (("disableApiStop", "DisableApiStop"),
                           ("disableApiTermination", "DisableApiTermination"),
                           ("userData", "UserData"),
                           ("instanceInitiatedShutdownBehavior",
                            "InstanceInitiatedShutdownBehavior")):
        out = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute=attribute)
        assert key in out, (attribute, out)
    user_data = ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="userData")
    assert base64.b64decode(user_data["UserData"]["Value"]).decode() == USER_DATA
    # flattenInstanceMetadataOptions
    options = instance["MetadataOptions"]
    for key in ("HttpEndpoint", "HttpTokens", "HttpPutResponseHopLimit", "HttpProtocolIpv6",
                "InstanceMetadataTags", "State"):
        assert key in options, (key, options)
    assert instance["Monitoring"]["State"] in ("enabled", "disabled"), instance
    if itype[0].get("BurstablePerformanceSupported"):
        credits = ec2.describe_instance_credit_specifications(InstanceIds=[instance_id])
        assert credits["InstanceCreditSpecifications"][0]["InstanceId"] == instance_id, credits


def aws_instance(ec2, image_id):
    # buildInstanceOpts: the booleans and Monitoring are always sent, Placement.AvailabilityZone
    # is sent empty when no zone is configured, and t3* get CreditSpecification unlimited.
    run = ec2.run_instances(
        ClientToken="terraform-20261101000000000000000001", ImageId=image_id,
        InstanceType="t3.micro", MinCount=1, MaxCount=1, DisableApiTermination=False,
        EbsOptimized=False, Monitoring={"Enabled": False}, Placement={"AvailabilityZone": ""},
        # metadata_options { http_tokens = "required", http_put_response_hop_limit = 1 }
        MetadataOptions={"HttpEndpoint": "enabled", "HttpTokens": "required",
                         "HttpPutResponseHopLimit": 1, "InstanceMetadataTags": "disabled"},
        CreditSpecification={"CpuCredits": "unlimited"},
        UserData=USER_DATA,  # boto3 base64-encodes it, as the provider does itself
        TagSpecifications=[{"ResourceType": "instance",
                            "Tags": [{"Key": "Name", "Value": "tf-builder"}]},
                           {"ResourceType": "volume",
                            "Tags": [{"Key": "Name", "Value": "tf-builder"}]}])
    instance = wait_instance(ec2, run["Instances"][0]["InstanceId"], "running")
    aws_instance_read(ec2, instance)
    options = instance["MetadataOptions"]
    assert (options["HttpTokens"], options["HttpPutResponseHopLimit"]) == ("required", 1), options
    assert options["State"] == "applied", options
    return instance["InstanceId"]


def aws_instance_update(ec2, instance_id):
    """An update of metadata_options (ModifyInstanceMetadataOptions, then the provider waits for
    MetadataOptions.State "applied") and of monitoring (MonitorInstances)."""
    out = ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpEndpoint="enabled",
                                               HttpTokens="required", HttpPutResponseHopLimit=2)
    assert out["InstanceMetadataOptions"]["State"] == "pending", out
    for _ in range(10):
        instance = ec2.describe_instances(
            InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        if instance["MetadataOptions"]["State"] == "applied":
            break
    assert instance["MetadataOptions"]["State"] == "applied", instance["MetadataOptions"]
    assert instance["MetadataOptions"]["HttpPutResponseHopLimit"] == 2, instance["MetadataOptions"]
    ec2.monitor_instances(InstanceIds=[instance_id])
    instance = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    assert instance["Monitoring"]["State"] == "enabled", instance["Monitoring"]


def aws_ec2_instance_metadata_defaults(ec2):
    """Create (Modify, then Get to read), then destroy (every member back to no-preference)."""
    assert ec2.modify_instance_metadata_defaults(HttpTokens="required",
                                                 HttpPutResponseHopLimit=2)["Return"] is True
    level = ec2.get_instance_metadata_defaults()["AccountLevel"]
    assert (level["HttpTokens"], level["HttpPutResponseHopLimit"]) == ("required", 2), level
    ec2.modify_instance_metadata_defaults(HttpTokens="no-preference", HttpPutResponseHopLimit=-1,
                                          HttpEndpoint="no-preference",
                                          InstanceMetadataTags="no-preference")
    level = ec2.get_instance_metadata_defaults()["AccountLevel"]
    assert "HttpTokens" not in level and "HttpPutResponseHopLimit" not in level, level


def wait_image(ec2, image_id):
    ec2.get_waiter("image_available").wait(ImageIds=[image_id],
                                           WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    return ec2.describe_images(ImageIds=[image_id])["Images"][0]


def aws_ami_from_instance(ec2, instance_id):
    out = ec2.create_image(Description="", InstanceId=instance_id, Name="tf-golden",
                           NoReboot=False,
                           TagSpecifications=[{"ResourceType": "image",
                                               "Tags": [{"Key": "stage", "Value": "gold"}]}])
    image = wait_image(ec2, out["ImageId"])
    assert image.get("SourceInstanceId", instance_id) == instance_id, image
    assert {"Key": "stage", "Value": "gold"} in image["Tags"], image
    assert image.get("Description", "") == "", image
    return image


def aws_ami_copy(copy_ec2, source_image):
    out = copy_ec2.copy_image(ClientToken="terraform-20261101000000000000000002", Description="",
                              Encrypted=False, Name="tf-golden",
                              SourceImageId=source_image["ImageId"], SourceRegion=REGION)
    copy_ec2.create_tags(Resources=[out["ImageId"]], Tags=[{"Key": "stage", "Value": "gold"}])
    image = wait_image(copy_ec2, out["ImageId"])
    assert image["SourceImageId"] == source_image["ImageId"], image
    return image


def destroy_image(ec2, image):
    """resourceAMIDelete with manage_ebs_snapshots: deregister, delete snapshots, wait gone."""
    ec2.deregister_image(ImageId=image["ImageId"])
    for mapping in image["BlockDeviceMappings"]:
        if "Ebs" in mapping:
            ec2.delete_snapshot(SnapshotId=mapping["Ebs"]["SnapshotId"])
    try:
        left = ec2.describe_images(ImageIds=[image["ImageId"]])["Images"]
        assert all(i["State"] == "deregistered" for i in left), left
    except ClientError as e:
        assert e.response["Error"]["Code"] == "InvalidAMIID.NotFound", e


def destroy_instance(ec2, instance_id):
    ec2.modify_instance_attribute(InstanceId=instance_id,
                                  DisableApiTermination={"Value": False})
    ec2.terminate_instances(InstanceIds=[instance_id])
    wait_instance(ec2, instance_id, "terminated")


def main(binary):
    with AmisimServer(binary) as server:
        provider_start(server.endpoint)
        ec2 = ec2_client(server.endpoint, REGION)
        copy_ec2 = ec2_client(server.endpoint, COPY_REGION)
        base = data_aws_ami(ec2)
        aws_ec2_instance_metadata_defaults(ec2)
        instance_id = aws_instance(ec2, base["ImageId"])
        aws_instance_update(ec2, instance_id)
        golden = aws_ami_from_instance(ec2, instance_id)
        copy = aws_ami_copy(copy_ec2, golden)
        destroy_image(copy_ec2, copy)
        destroy_image(ec2, golden)
        destroy_instance(ec2, instance_id)
        assert copy_ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []
    print("terraform calls: data aws_ami, aws_instance, aws_ec2_instance_metadata_defaults, "
          "aws_ami_from_instance, aws_ami_copy")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
