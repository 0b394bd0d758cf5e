"""Tags on shared resources with boto3 against `amisim serve` (issue 14, part 2): account A tags a
snapshot and an image secret=a-private-value and shares them with account B; B sees neither tag,
cannot find them by it, and DescribeTags lists B nothing of A's; B may tag them for itself, and
then each account sees only its own tags. EC2 user guide, "Tag your Amazon EC2 resources", Tag
restrictions: tags on public or shared resources are available only to the account that set them.

usage: test_shared_tags.py AMISIM_BINARY
"""
import sys

from amisim_server import AmisimServer
from test_boto3 import FAST, ec2_client

A = "111111111111"
B = "222222222222"
SECRET = [{"Key": "secret", "Value": "a-private-value"}]


def shared_snapshot_and_image(a):
    volume = a.create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
    a.get_waiter("volume_available").wait(VolumeIds=[volume], WaiterConfig=FAST)
    snapshot = a.create_snapshot(VolumeId=volume)["SnapshotId"]
    a.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot], WaiterConfig=FAST)
    image = a.register_image(Name="shared-tags", RootDeviceName="/dev/xvda",
                             Architecture="x86_64", VirtualizationType="hvm",
                             BlockDeviceMappings=[{"DeviceName": "/dev/xvda",
                                                   "Ebs": {"SnapshotId": snapshot}}])["ImageId"]
    a.create_tags(Resources=[snapshot, image], Tags=SECRET)
    a.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                OperationType="add", UserIds=[B])
    a.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": B}]})
    return snapshot, image


def b_sees_no_tag_of_a(b, snapshot, image):
    snap = b.describe_snapshots(SnapshotIds=[snapshot])["Snapshots"]
    assert len(snap) == 1 and "Tags" not in snap[0], snap
    img = b.describe_images(ImageIds=[image])["Images"]
    assert len(img) == 1 and "Tags" not in img[0], img
    for f in ({"Name": "tag:secret", "Values": ["a-private-value"]},
              {"Name": "tag-key", "Values": ["secret"]}):
        assert b.describe_snapshots(SnapshotIds=[snapshot], Filters=[f])["Snapshots"] == [], f
        assert b.describe_snapshots(Filters=[f])["Snapshots"] == [], f
        assert b.describe_images(Filters=[f])["Images"] == [], f
    assert b.describe_tags()["Tags"] == []
    assert b.describe_tags(Filters=[{"Name": "resource-id", "Values": [snapshot, image]}])[
        "Tags"] == []


def each_sees_its_own(a, b, snapshot, image):
    b.create_tags(Resources=[snapshot, image], Tags=[{"Key": "team", "Value": "b-team"}])
    mine = [{"Key": "team", "Value": "b-team"}]
    assert b.describe_snapshots(SnapshotIds=[snapshot])["Snapshots"][0]["Tags"] == mine
    assert b.describe_images(ImageIds=[image])["Images"][0]["Tags"] == mine
    assert a.describe_snapshots(SnapshotIds=[snapshot])["Snapshots"][0]["Tags"] == SECRET
    assert a.describe_images(ImageIds=[image])["Images"][0]["Tags"] == SECRET
    rows = {(t["ResourceId"], t["Key"], t["Value"]) for t in b.describe_tags()["Tags"]}
    assert rows == {(snapshot, "team", "b-team"), (image, "team", "b-team")}, rows
    found = b.describe_snapshots(Filters=[{"Name": "tag:team", "Values": ["b-team"]}])
    assert [s["SnapshotId"] for s in found["Snapshots"]] == [snapshot], found
    assert a.describe_snapshots(Filters=[{"Name": "tag:team", "Values": ["b-team"]}])[
        "Snapshots"] == []


def shared_tags(binary):
    with AmisimServer(binary) as server:
        a = ec2_client(server.endpoint, access_key=A)
        b = ec2_client(server.endpoint, access_key=B)
        snapshot, image = shared_snapshot_and_image(a)
        b_sees_no_tag_of_a(b, snapshot, image)
        a.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                    OperationType="add", GroupNames=["all"])
        b_sees_no_tag_of_a(b, snapshot, image)
        each_sees_its_own(a, b, snapshot, image)


if __name__ == "__main__":
    shared_tags(sys.argv[1])
    print("shared tags end-to-end: ok")
