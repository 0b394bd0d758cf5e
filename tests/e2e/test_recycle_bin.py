"""The Recycle Bin through the real clients: boto3's `rbin` client (CreateRule, GetRule,
ListRules, UpdateRule, LockRule, UnlockRule, DeleteRule, TagResource, UntagResource,
ListTagsForResource) and EC2's ListImagesInRecycleBin, ListSnapshotsInRecycleBin,
ListVolumesInRecycleBin and the three Restore*FromRecycleBin calls; the aws CLI once for each
action; and the JS SDK v3's rbin client in one round trip (tests/e2e/js/recycle_bin.mjs).

usage: test_recycle_bin.py AMISIM_BINARY
"""
import json
import os
import subprocess
import sys

from amisim_server import AmisimServer, boto3_client, catalogue_image_id, client_env, error_of

HERE = os.path.dirname(os.path.abspath(__file__))
REGION = "eu-west-1"
AL2023 = catalogue_image_id("al2023-x86_64", REGION)
DAY = 24 * 3600


def client(service, endpoint, account="AKIDAMISIMTEST"):
    return boto3_client(service, endpoint, REGION, account)


def check_rules(endpoint):
    rbin = client("rbin", endpoint)
    # The account's first rule: pending while it activates; the instant clock settles past that.
    created = rbin.create_rule(ResourceType="EBS_SNAPSHOT", Description="all snapshots",
                               RetentionPeriod={"RetentionPeriodValue": 7,
                                                "RetentionPeriodUnit": "DAYS"},
                               Tags=[{"Key": "team", "Value": "platform"}])
    rule = created["Identifier"]
    assert len(rule) == 11 and rule.isalnum(), rule
    assert created["Status"] == "pending", created
    assert created["RuleArn"] == f"arn:aws:rbin:{REGION}:123456789012:rule/{rule}"
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    got = rbin.get_rule(Identifier=rule)
    assert got["Status"] == "available", got
    assert got["RetentionPeriod"] == {"RetentionPeriodValue": 7, "RetentionPeriodUnit": "DAYS"}
    assert "LockState" not in got, got
    listed = rbin.list_rules(ResourceType="EBS_SNAPSHOT")["Rules"]
    assert [r["Identifier"] for r in listed] == [rule], listed
    assert rbin.list_rules(ResourceType="EC2_IMAGE")["Rules"] == []
    updated = rbin.update_rule(Identifier=rule, Description="every snapshot",
                               RetentionPeriod={"RetentionPeriodValue": 10,
                                                "RetentionPeriodUnit": "DAYS"})
    assert updated["RetentionPeriod"]["RetentionPeriodValue"] == 10, updated
    arn = created["RuleArn"]
    rbin.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
    tags = rbin.list_tags_for_resource(ResourceArn=arn)["Tags"]
    assert {t["Key"]: t["Value"] for t in tags} == {"team": "platform", "env": "test"}, tags
    rbin.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert rbin.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "env",
                                                                      "Value": "test"}]
    # Lock: no change while locked or during the unlock delay.
    locked = rbin.lock_rule(Identifier=rule, LockConfiguration={
        "UnlockDelay": {"UnlockDelayValue": 7, "UnlockDelayUnit": "DAYS"}})
    assert locked["LockState"] == "locked", locked
    assert error_of(rbin.delete_rule, Identifier=rule) == ("ConflictException", 409)
    unlocked = rbin.unlock_rule(Identifier=rule)
    assert unlocked["LockState"] == "pending_unlock", unlocked
    assert "LockEndTime" in unlocked, unlocked
    assert error_of(rbin.update_rule, Identifier=rule, Description="x") == \
        ("ConflictException", 409)
    # Bad input: AWS's exceptions and statuses.
    assert error_of(rbin.create_rule, ResourceType="EBS_SNAPSHOT",
                    RetentionPeriod={"RetentionPeriodValue": 366,
                                     "RetentionPeriodUnit": "DAYS"}) == \
        ("ValidationException", 400)
    assert error_of(rbin.get_rule, Identifier="AAAAAAAAAAA") == ("ResourceNotFoundException", 404)
    other = client("rbin", endpoint, account="210987654321")
    assert error_of(other.get_rule, Identifier=rule) == ("ResourceNotFoundException", 404)
    assert other.list_rules(ResourceType="EBS_SNAPSHOT")["Rules"] == []
    return rule


def check_bin(server):
    endpoint = server.endpoint
    ec2 = client("ec2", endpoint)
    rbin = client("rbin", endpoint)
    for resource_type in ("EC2_IMAGE", "EBS_VOLUME"):
        rbin.create_rule(ResourceType=resource_type,
                         RetentionPeriod={"RetentionPeriodValue": 5 if resource_type ==
                                          "EBS_VOLUME" else 7, "RetentionPeriodUnit": "DAYS"})
    instance = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)["Instances"][0]["InstanceId"]
    ec2.get_waiter("instance_running").wait(InstanceIds=[instance])
    ami = ec2.create_image(InstanceId=instance, Name="golden", NoReboot=True)["ImageId"]
    ec2.get_waiter("image_available").wait(ImageIds=[ami])
    snap = ec2.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"][0]["Ebs"][
        "SnapshotId"]
    done = ec2.deregister_image(ImageId=ami, DeleteAssociatedSnapshots=True)
    assert done["DeleteSnapshotResults"] == [{"SnapshotId": snap, "ReturnCode": "success"}], done
    assert error_of(ec2.describe_images, ImageIds=[ami])[0] == "InvalidAMIID.NotFound"
    images = ec2.list_images_in_recycle_bin()["Images"]
    assert [i["ImageId"] for i in images] == [ami], images
    stay = images[0]["RecycleBinExitTime"] - images[0]["RecycleBinEnterTime"]
    assert stay.total_seconds() == 7 * DAY, stay
    snaps = ec2.list_snapshots_in_recycle_bin(SnapshotIds=[snap])["Snapshots"]
    assert [s["SnapshotId"] for s in snaps] == [snap], snaps
    stay = snaps[0]["RecycleBinExitTime"] - snaps[0]["RecycleBinEnterTime"]
    assert stay.total_seconds() == 10 * DAY, stay
    assert error_of(ec2.restore_image_from_recycle_bin, ImageId=ami)[0] == \
        "InvalidSnapshot.NotFound"
    restored = ec2.restore_snapshot_from_recycle_bin(SnapshotId=snap)
    assert restored["SnapshotId"] == snap and restored["State"] == "completed", restored
    assert ec2.restore_image_from_recycle_bin(ImageId=ami)["Return"] is True
    assert ec2.describe_images(ImageIds=[ami])["Images"][0]["State"] == "available"
    # A volume: in the bin 5 days, then gone for good.
    volume = ec2.create_volume(AvailabilityZone=REGION + "a", Size=4)["VolumeId"]
    ec2.get_waiter("volume_available").wait(VolumeIds=[volume])
    ec2.delete_volume(VolumeId=volume)
    volumes = ec2.list_volumes_in_recycle_bin()["Volumes"]
    assert [v["VolumeId"] for v in volumes] == [volume] and volumes[0]["Size"] == 4, volumes
    assert ec2.restore_volume_from_recycle_bin(VolumeId=volume)["Return"] is True
    assert ec2.describe_volumes(VolumeIds=[volume])["Volumes"][0]["State"] == "available"
    ec2.delete_volume(VolumeId=volume)
    server.control("POST", "/_amisim/clock/advance", {"seconds": 5 * DAY})
    assert ec2.list_volumes_in_recycle_bin()["Volumes"] == []
    assert error_of(ec2.restore_volume_from_recycle_bin, VolumeId=volume)[0] == \
        "InvalidVolume.NotFound"
    # Below the model's minimum of 5 (botocore refuses it itself unless told not to validate).
    raw = boto3_client("ec2", endpoint, REGION, parameter_validation=False)
    assert error_of(raw.list_snapshots_in_recycle_bin, MaxResults=4) == \
        ("InvalidParameterValue", 400)


def check_cli(endpoint, rule):
    env = {**os.environ, **client_env(REGION)}

    def aws(*args):
        done = subprocess.run(["aws", "--endpoint-url", endpoint, "--output", "json", *args],
                              env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"aws {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else {}

    created = aws("rbin", "create-rule", "--resource-type", "EC2_IMAGE",
                  "--retention-period", "RetentionPeriodValue=3,RetentionPeriodUnit=DAYS",
                  "--resource-tags", "ResourceTagKey=keep,ResourceTagValue=yes")
    cli_rule = created["Identifier"]
    assert aws("rbin", "get-rule", "--identifier", cli_rule)["ResourceTags"] == \
        [{"ResourceTagKey": "keep", "ResourceTagValue": "yes"}]
    assert cli_rule in [r["Identifier"] for r in
                        aws("rbin", "list-rules", "--resource-type", "EC2_IMAGE")["Rules"]]
    aws("rbin", "update-rule", "--identifier", cli_rule, "--description", "tagged AMIs")
    aws("rbin", "tag-resource", "--resource-arn", created["RuleArn"], "--tags",
        "Key=owner,Value=cli")
    assert aws("rbin", "list-tags-for-resource", "--resource-arn",
               created["RuleArn"])["Tags"] == [{"Key": "owner", "Value": "cli"}]
    aws("rbin", "untag-resource", "--resource-arn", created["RuleArn"], "--tag-keys", "owner")
    # The rule from check_rules is pending_unlock; re-locking ends that.
    assert aws("rbin", "lock-rule", "--identifier", rule, "--lock-configuration",
               "UnlockDelay={UnlockDelayValue=7,UnlockDelayUnit=DAYS}")["LockState"] == "locked"
    assert aws("rbin", "unlock-rule", "--identifier", rule)["LockState"] == "pending_unlock"
    aws("rbin", "delete-rule", "--identifier", cli_rule)
    assert aws("ec2", "list-images-in-recycle-bin")["Images"] == []
    assert aws("ec2", "list-snapshots-in-recycle-bin")["Snapshots"] == []
    assert aws("ec2", "list-volumes-in-recycle-bin")["Volumes"] == []
    # The restore calls with IDs nothing holds: AWS's NotFound codes through the CLI.
    for args, code in ((["restore-image-from-recycle-bin", "--image-id",
                         "ami-0123456789abcdef0"], "InvalidAMIID.NotFound"),
                       (["restore-snapshot-from-recycle-bin", "--snapshot-id",
                         "snap-0123456789abcdef0"], "InvalidSnapshot.NotFound"),
                       (["restore-volume-from-recycle-bin", "--volume-id",
                         "vol-0123456789abcdef0"], "InvalidVolume.NotFound")):
        done = subprocess.run(["aws", "--endpoint-url", endpoint, "ec2", *args], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and code in done.stderr, done.stderr


def check_js(endpoint):
    js = os.path.join(HERE, "js")
    if not os.path.isdir(os.path.join(js, "node_modules", "@aws-sdk", "client-rbin")):
        sys.exit("tests/e2e/js/node_modules is missing: run `make deps` (npm ci)")
    done = subprocess.run(["node", "recycle_bin.mjs", endpoint], cwd=js,
                          env={**os.environ, **client_env(REGION), "NODE_NO_WARNINGS": "1"},
                          capture_output=True, text=True, timeout=180)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"recycle_bin.mjs exited {done.returncode}")


def main(binary):
    with AmisimServer(binary) as server:
        rule = check_rules(server.endpoint)
        check_bin(server)
        check_cli(server.endpoint, rule)
    with AmisimServer(binary) as server:
        check_js(server.endpoint)
    print("Recycle Bin through boto3, the aws CLI and the JS SDK: ok")


if __name__ == "__main__":
    main(sys.argv[1])
