"""Snapshot lock and block public access for snapshots through the real clients: boto3 (every
one of LockSnapshot, UnlockSnapshot, DescribeLockedSnapshots with MaxResults,
Enable/Disable/GetSnapshotBlockPublicAccessState, the refused DeleteSnapshot and the refused
public share) and the aws CLI (each of the six actions once). The server runs with the manual
clock so the cooling-off period can be stepped through.

usage: test_snapshot_lock.py AMISIM_BINARY
"""
import json
import subprocess
import sys

from amisim_server import AmisimServer, boto3_client, client_env, error_of

OTHER = "210987654321"


def client(endpoint, access_key="AKIDAMISIMTEST"):
    return boto3_client("ec2", endpoint, "us-east-1", access_key)


def error_code(call, **kwargs):
    return error_of(call, **kwargs)[0]


def new_snapshot(server, ec2):
    volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
    server.control("POST", "/_amisim/clock/advance", {"seconds": 60})
    snap = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    server.control("POST", "/_amisim/clock/advance", {"seconds": 60})
    return snap


def check_lock_boto3(server):
    ec2 = client(server.endpoint)
    snap = new_snapshot(server, ec2)
    out = ec2.lock_snapshot(SnapshotId=snap, LockMode="compliance", LockDuration=2, CoolOffPeriod=1)
    assert out["LockState"] == "compliance-cooloff", out
    assert out["LockDuration"] == 2 and out["CoolOffPeriod"] == 1, out
    assert out["LockExpiresOn"] > out["CoolOffPeriodExpiresOn"] > out["LockCreatedOn"], out
    assert error_code(ec2.delete_snapshot, SnapshotId=snap) == "SnapshotLocked"
    server.control("POST", "/_amisim/clock/advance", {"seconds": 3600})
    locked = ec2.describe_locked_snapshots(
        Filters=[{"Name": "lock-state", "Values": ["compliance"]}])["Snapshots"]
    assert [s["SnapshotId"] for s in locked] == [snap], locked
    assert error_code(ec2.unlock_snapshot, SnapshotId=snap) == "IncorrectState"
    # A governance lock on a second snapshot is unlocked; a page of five lists both locked ones
    # (botocore has no paginator for this operation).
    other = new_snapshot(server, ec2)
    ec2.lock_snapshot(SnapshotId=other, LockMode="governance", LockDuration=1)
    page = ec2.describe_locked_snapshots(MaxResults=5)
    assert "NextToken" not in page, page
    assert sorted(s["SnapshotId"] for s in page["Snapshots"]) == sorted([snap, other]), page
    assert ec2.unlock_snapshot(SnapshotId=other)["SnapshotId"] == other
    ec2.delete_snapshot(SnapshotId=other)
    # Another account finds no snapshot to lock.
    stranger = client(server.endpoint, OTHER)
    assert error_code(stranger.lock_snapshot, SnapshotId=snap, LockMode="governance",
                      LockDuration=1) == "InvalidSnapshot.NotFound"
    server.control("POST", "/_amisim/clock/advance", {"seconds": 2 * 86400})
    assert ec2.describe_locked_snapshots(SnapshotIds=[snap])["Snapshots"][0]["LockState"] == \
        "expired"
    ec2.delete_snapshot(SnapshotId=snap)


def check_block_public_access_boto3(server):
    ec2 = client(server.endpoint)
    stranger = client(server.endpoint, OTHER)
    snap = new_snapshot(server, ec2)
    ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                  OperationType="add", GroupNames=["all"])
    state = ec2.get_snapshot_block_public_access_state()
    assert state["State"] == "unblocked" and state["ManagedBy"] == "account", state
    assert ec2.enable_snapshot_block_public_access(State="block-all-sharing")["State"] == \
        "block-all-sharing"
    fresh = new_snapshot(server, ec2)
    assert error_code(ec2.modify_snapshot_attribute, SnapshotId=fresh,
                      Attribute="createVolumePermission", OperationType="add",
                      GroupNames=["all"]) == "OperationNotPermitted"
    seen = stranger.describe_snapshots(OwnerIds=["123456789012"], RestorableByUserIds=["all"])
    assert seen["Snapshots"] == [], seen
    assert error_code(stranger.create_volume, AvailabilityZone="us-east-1a",
                      SnapshotId=snap) == "InvalidSnapshot.NotFound"
    assert error_code(ec2.enable_snapshot_block_public_access,
                      State="unblocked") == "InvalidParameterValue"
    assert ec2.disable_snapshot_block_public_access()["State"] == "unblocked"
    seen = stranger.describe_snapshots(OwnerIds=["123456789012"], RestorableByUserIds=["all"])
    assert [s["SnapshotId"] for s in seen["Snapshots"]] == [snap], seen


def check_cli(server):
    env = client_env("us-east-1")

    def aws(*args):
        done = subprocess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json",
                               "ec2", *args], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"aws ec2 {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else None

    snap = new_snapshot(server, client(server.endpoint))
    out = aws("lock-snapshot", "--snapshot-id", snap, "--lock-mode", "governance",
              "--expiration-date", "2030-01-01T00:00:00.000Z")
    assert out["LockState"] == "governance" and out["LockExpiresOn"].startswith("2030-01-01"), out
    locked = aws("describe-locked-snapshots", "--snapshot-ids", snap)["Snapshots"]
    assert locked[0]["LockState"] == "governance", locked
    assert aws("unlock-snapshot", "--snapshot-id", snap) == {"SnapshotId": snap}
    assert aws("enable-snapshot-block-public-access", "--state", "block-new-sharing") == \
        {"State": "block-new-sharing"}
    assert aws("get-snapshot-block-public-access-state") == \
        {"State": "block-new-sharing", "ManagedBy": "account"}
    assert aws("disable-snapshot-block-public-access") == {"State": "unblocked"}


def main(binary):
    with AmisimServer(binary, "--clock", "manual") as server:
        check_lock_boto3(server)
        check_block_public_access_boto3(server)
        check_cli(server)
    print("snapshot lock e2e: ok")


if __name__ == "__main__":
    main(sys.argv[1])
