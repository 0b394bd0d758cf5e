"""Golden-AMI promotion with boto3 against `amisim serve` (issue 4): bake in us-east-1, copy to
eu-west-1 and ap-southeast-2, wait for image_available in each, launch there; the source ID and
the old Region's key pair and security group fail in the new Region until they exist there; a launch-template version
bump and a rollback.

usage: test_promotion.py AMISIM_BINARY
"""
import sys

from botocore.exceptions import ClientError

from amisim_server import AmisimServer, catalogue_image_id
from test_boto3 import FAST, ec2_client, error_code, state_of

SOURCE = "us-east-1"
TARGETS = ["eu-west-1", "ap-southeast-2"]


def bake(ec2):
    instance_id = ec2.run_instances(ImageId=catalogue_image_id("al2023-x86_64", SOURCE),
                                    InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                    KeyName="builder")["Instances"][0]["InstanceId"]
    ec2.stop_instances(InstanceIds=[instance_id])
    ec2.get_waiter("instance_stopped").wait(InstanceIds=[instance_id], WaiterConfig=FAST)
    image_id = ec2.create_image(InstanceId=instance_id, Name="golden-2026.11",
                                TagSpecifications=[{"ResourceType": "image",
                                                    "Tags": [{"Key": "stage", "Value": "gold"}]}]
                                )["ImageId"]
    ec2.get_waiter("image_available").wait(ImageIds=[image_id], WaiterConfig=FAST)
    return image_id


def promote(binary):
    with AmisimServer(binary, "--clock", "manual") as server:
        source = ec2_client(server.endpoint, SOURCE)
        source.create_key_pair(KeyName="builder")
        old_group = source.create_security_group(GroupName="web", Description="web")["GroupId"]
        server.control("POST", "/_amisim/clock", {"mode": "instant"})
        golden = bake(source)
        server.control("POST", "/_amisim/clock", {"mode": "manual"})
        copies = {}
        for region in TARGETS:
            ec2 = ec2_client(server.endpoint, region)
            copy_id = ec2.copy_image(SourceRegion=SOURCE, SourceImageId=golden,
                                     Name="golden-2026.11", CopyImageTags=True)["ImageId"]
            assert copy_id != golden
            image = ec2.describe_images(ImageIds=[copy_id])["Images"][0]
            assert image["State"] == "pending", image["State"]  # manual clock: data in flight
            copies[region] = copy_id
        server.control("POST", "/_amisim/clock/advance", {"seconds": 3 * 3600})
        for region, copy_id in copies.items():
            ec2 = ec2_client(server.endpoint, region)
            ec2.get_waiter("image_available").wait(ImageIds=[copy_id], WaiterConfig=FAST)
            image = ec2.describe_images(ImageIds=[copy_id])["Images"][0]
            assert image["SourceImageId"] == golden and image["SourceImageRegion"] == SOURCE
            assert {"Key": "stage", "Value": "gold"} in image.get("Tags", []), image.get("Tags")
            snapshot_id = image["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
            snap = ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]
            assert snap["Description"].startswith(f"Copied for DestinationAmi {copy_id} from "
                                                  f"SourceAmi {golden}"), snap["Description"]
            found = ec2.describe_images(Filters=[{"Name": "source-image-id",
                                                  "Values": [golden]}])["Images"]
            assert [i["ImageId"] for i in found] == [copy_id]

            # The source ID means nothing here; the key pair is the old Region's.
            assert error_code(ec2.run_instances, ImageId=golden, InstanceType="t3.micro",
                              MinCount=1, MaxCount=1)[0] == "InvalidAMIID.NotFound"
            assert error_code(ec2.run_instances, ImageId=copy_id, InstanceType="t3.micro",
                              MinCount=1, MaxCount=1, KeyName="builder")[0] == \
                "InvalidKeyPair.NotFound"
            assert error_code(ec2.run_instances, ImageId=copy_id, InstanceType="t3.micro",
                              MinCount=1, MaxCount=1, SecurityGroupIds=[old_group])[0] == \
                "InvalidGroup.NotFound"
            ec2.create_key_pair(KeyName="builder")
            instance_id = ec2.run_instances(ImageId=copy_id, InstanceType="t3.micro", MinCount=1,
                                            MaxCount=1, KeyName="builder")["Instances"][0][
                                                "InstanceId"]
            server.control("POST", "/_amisim/clock/advance", {"seconds": 600})
            assert state_of(ec2, instance_id) == "running"

        # A Marketplace-free copy back into the source Region is a same-Region copy: allowed.
        same = source.copy_image(SourceRegion=SOURCE, SourceImageId=golden, Name="golden-copy")
        assert same["ImageId"] != golden
        return golden, copies


def rollback(binary):
    with AmisimServer(binary) as server:
        ec2 = ec2_client(server.endpoint, SOURCE)
        old_ami = catalogue_image_id("al2023-x86_64", SOURCE)
        new_ami = catalogue_image_id("debian-12-x86_64", SOURCE)
        template = ec2.create_launch_template(
            LaunchTemplateName="web", LaunchTemplateData={"ImageId": old_ami,
                                                          "InstanceType": "t3.micro"}
        )["LaunchTemplate"]
        assert template["DefaultVersionNumber"] == 1 and template["LatestVersionNumber"] == 1
        v2 = ec2.create_launch_template_version(
            LaunchTemplateName="web", SourceVersion="1", VersionDescription="new AMI",
            LaunchTemplateData={"ImageId": new_ami})["LaunchTemplateVersion"]
        assert v2["VersionNumber"] == 2
        assert v2["LaunchTemplateData"]["InstanceType"] == "t3.micro"  # from SourceVersion 1
        ec2.modify_launch_template(LaunchTemplateName="web", DefaultVersion="2")

        def launch():
            r = ec2.run_instances(LaunchTemplate={"LaunchTemplateName": "web"}, MinCount=1,
                                  MaxCount=1)
            return r["Instances"][0]

        on_new = launch()
        assert on_new["ImageId"] == new_ami
        # Roll back: version 1 is the default again. New launches use the old AMI; the running
        # instance is untouched.
        ec2.modify_launch_template(LaunchTemplateName="web", DefaultVersion="1")
        assert launch()["ImageId"] == old_ami
        still = ec2.describe_instances(InstanceIds=[on_new["InstanceId"]])["Reservations"][0][
            "Instances"][0]
        assert still["ImageId"] == new_ami and still["State"]["Name"] == "running"
        latest = ec2.run_instances(LaunchTemplate={"LaunchTemplateName": "web",
                                                   "Version": "$Latest"},
                                   InstanceType="t3.small", MinCount=1, MaxCount=1)["Instances"][0]
        assert latest["ImageId"] == new_ami and latest["InstanceType"] == "t3.small"
        versions = ec2.describe_launch_template_versions(LaunchTemplateName="web")[
            "LaunchTemplateVersions"]
        assert sorted(v["VersionNumber"] for v in versions) == [1, 2]
        assert [v["VersionNumber"] for v in versions if v["DefaultVersion"]] == [1]
        # A template is the Region's: not found elsewhere.
        other = ec2_client(server.endpoint, "eu-west-1")
        try:
            other.run_instances(LaunchTemplate={"LaunchTemplateName": "web"}, MinCount=1,
                                MaxCount=1)
            raise AssertionError("the us-east-1 template launched in eu-west-1")
        except ClientError as e:
            assert e.response["Error"]["Code"].startswith("InvalidLaunchTemplateName"), e.response


if __name__ == "__main__":
    promote(sys.argv[1])
    rollback(sys.argv[1])
    print("golden-AMI promotion end-to-end: ok")
