"""Data Lifecycle Manager through the real clients: boto3's `dlm` client and the aws CLI, each for
all eight operations (CreateLifecyclePolicy, GetLifecyclePolicies, GetLifecyclePolicy,
UpdateLifecyclePolicy, DeleteLifecyclePolicy, TagResource, UntagResource, ListTagsForResource),
and the errors AWS gives bad input: an unknown policy ID (ResourceNotFoundException, 404), a
policy whose details break their shape or ask for what amisim does not model
(InvalidRequestException, 400), after which nothing changed. And a policy running on the
server's clock, seen through boto3's EC2 client.

usage: test_dlm.py AMISIM_BINARY
"""
import json
import os
import subprocess
import sys

from amisim_server import AmisimServer, boto3_client, client_env, error_of

REGION = "eu-west-1"
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/AWSDataLifecycleManagerDefaultRoleForAMIManagement"
UNKNOWN = "policy-0123456789abcdef0"

DETAILS = {
    "PolicyType": "IMAGE_MANAGEMENT",
    "ResourceTypes": ["INSTANCE"],
    "TargetTags": [{"Key": "backup", "Value": "daily"}],
    "Schedules": [{
        "Name": "daily",
        "CopyTags": True,
        "TagsToAdd": [{"Key": "made-by", "Value": "dlm"}],
        "CreateRule": {"Interval": 24, "IntervalUnit": "HOURS", "Times": ["03:00"]},
        "RetainRule": {"Count": 7},
    }],
    "Parameters": {"NoReboot": True},
}


def check_boto3(endpoint):
    dlm = boto3_client("dlm", endpoint, REGION)
    created = dlm.create_lifecycle_policy(ExecutionRoleArn=ROLE, Description="daily AMIs",
                                          State="ENABLED", PolicyDetails=DETAILS,
                                          Tags={"team": "platform"})
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200, created
    policy = created["PolicyId"]
    assert policy.startswith("policy-"), created
    got = dlm.get_lifecycle_policy(PolicyId=policy)["Policy"]
    arn = f"arn:aws:dlm:{REGION}:{ACCOUNT}:policy/{policy}"
    assert got["PolicyId"] == policy and got["PolicyArn"] == arn, got
    assert got["State"] == "ENABLED" and got["Description"] == "daily AMIs", got
    assert got["ExecutionRoleArn"] == ROLE, got
    assert got["PolicyDetails"] == DETAILS, got["PolicyDetails"]
    assert got["Tags"] == {"team": "platform"}, got
    assert got["DefaultPolicy"] is False, got
    # iso8601 timestamps: botocore hands back datetimes.
    assert got["DateCreated"].year >= 2026 and got["DateModified"] == got["DateCreated"], got

    summaries = dlm.get_lifecycle_policies()["Policies"]
    assert summaries == [{"PolicyId": policy, "Description": "daily AMIs", "State": "ENABLED",
                          "Tags": {"team": "platform"}, "PolicyType": "IMAGE_MANAGEMENT",
                          "DefaultPolicy": False}], summaries
    assert dlm.get_lifecycle_policies(PolicyIds=[policy])["Policies"][0]["PolicyId"] == policy
    assert dlm.get_lifecycle_policies(State="DISABLED")["Policies"] == []
    # The filters travel in the query string (targetTags=backup%3Ddaily, ...).
    assert [p["PolicyId"] for p in dlm.get_lifecycle_policies(
        TargetTags=["backup=daily"], TagsToAdd=["made-by=dlm"],
        ResourceTypes=["INSTANCE"])["Policies"]] == [policy]
    assert dlm.get_lifecycle_policies(TargetTags=["backup=never"])["Policies"] == []
    assert dlm.get_lifecycle_policies(ResourceTypes=["VOLUME"])["Policies"] == []

    dlm.update_lifecycle_policy(PolicyId=policy, State="DISABLED", Description="paused")
    got = dlm.get_lifecycle_policy(PolicyId=policy)["Policy"]
    assert (got["State"], got["Description"]) == ("DISABLED", "paused"), got
    assert [p["PolicyId"] for p in dlm.get_lifecycle_policies(State="DISABLED")["Policies"]] == \
        [policy]

    dlm.tag_resource(ResourceArn=arn, Tags={"env": "test"})
    assert dlm.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"team": "platform",
                                                                   "env": "test"}
    dlm.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert dlm.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "test"}

    # Bad input: AWS's exceptions and statuses, and nothing changed.
    assert error_of(dlm.get_lifecycle_policy, PolicyId=UNKNOWN) == \
        ("ResourceNotFoundException", 404)
    assert error_of(dlm.update_lifecycle_policy, PolicyId=UNKNOWN, Description="x") == \
        ("ResourceNotFoundException", 404)
    assert error_of(dlm.delete_lifecycle_policy, PolicyId=UNKNOWN) == \
        ("ResourceNotFoundException", 404)
    bad_name = json.loads(json.dumps(DETAILS))
    bad_name["Schedules"][0]["Name"] = "daily!"  # botocore checks no patterns: the server does
    assert error_of(dlm.create_lifecycle_policy, ExecutionRoleArn=ROLE, Description="bad",
                    State="ENABLED", PolicyDetails=bad_name) == ("InvalidRequestException", 400)
    from botocore.exceptions import ClientError
    try:
        dlm.create_lifecycle_policy(ExecutionRoleArn=ROLE, Description="bad", State="ENABLED",
                                    PolicyDetails=bad_name)
    except ClientError as e:
        assert "policyDetails.schedules.1.member.name" in e.response["Error"]["Message"], e
    event = dict(DETAILS, PolicyType="EVENT_BASED_POLICY")
    assert error_of(dlm.create_lifecycle_policy, ExecutionRoleArn=ROLE, Description="events",
                    State="ENABLED", PolicyDetails=event) == ("InvalidRequestException", 400)
    raw = boto3_client("dlm", endpoint, REGION, parameter_validation=False)
    too_many = dict(DETAILS, Schedules=DETAILS["Schedules"] * 5)
    assert error_of(raw.create_lifecycle_policy, ExecutionRoleArn=ROLE, Description="many",
                    State="ENABLED", PolicyDetails=too_many) == ("InvalidRequestException", 400)
    assert error_of(raw.update_lifecycle_policy, PolicyId=policy,
                    PolicyDetails=dict(DETAILS, ResourceTypes=["DISK"])) == \
        ("InvalidRequestException", 400)
    assert [p["PolicyId"] for p in dlm.get_lifecycle_policies()["Policies"]] == [policy]
    assert dlm.get_lifecycle_policy(PolicyId=policy)["Policy"]["PolicyDetails"] == DETAILS
    # Another account sees none of it.
    other = boto3_client("dlm", endpoint, REGION, access_key="210987654321")
    assert other.get_lifecycle_policies()["Policies"] == []
    assert error_of(other.get_lifecycle_policy, PolicyId=policy) == \
        ("ResourceNotFoundException", 404)

    dlm.delete_lifecycle_policy(PolicyId=policy)
    assert error_of(dlm.get_lifecycle_policy, PolicyId=policy) == \
        ("ResourceNotFoundException", 404)
    assert dlm.get_lifecycle_policies()["Policies"] == []


def check_cli(endpoint):
    env = {**os.environ, **client_env(REGION)}

    def run(*args):
        return subprocess.run(["aws", "--endpoint-url", endpoint, "--output", "json", "dlm",
                               *args], env=env, capture_output=True, text=True, timeout=60)

    def aws(*args):
        done = run(*args)
        assert done.returncode == 0, f"aws dlm {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else {}

    def fails(code, *args):
        done = run(*args)
        assert done.returncode != 0 and code in done.stderr, done.stderr

    policy = aws("create-lifecycle-policy", "--execution-role-arn", ROLE, "--description",
                 "from the CLI", "--state", "ENABLED", "--policy-details", json.dumps(DETAILS),
                 "--tags", "owner=cli")["PolicyId"]
    arn = f"arn:aws:dlm:{REGION}:{ACCOUNT}:policy/{policy}"
    got = aws("get-lifecycle-policy", "--policy-id", policy)["Policy"]
    assert got["PolicyDetails"] == DETAILS and got["Tags"] == {"owner": "cli"}, got
    assert [p["PolicyId"] for p in aws("get-lifecycle-policies", "--state", "ENABLED",
                                       "--resource-types", "INSTANCE")["Policies"]] == [policy]
    aws("update-lifecycle-policy", "--policy-id", policy, "--description", "changed")
    assert aws("get-lifecycle-policy", "--policy-id", policy)["Policy"]["Description"] == \
        "changed"
    aws("tag-resource", "--resource-arn", arn, "--tags", "env=cli")
    assert aws("list-tags-for-resource", "--resource-arn", arn)["Tags"] == {"owner": "cli",
                                                                          "env": "cli"}
    aws("untag-resource", "--resource-arn", arn, "--tag-keys", "owner")
    assert aws("list-tags-for-resource", "--resource-arn", arn)["Tags"] == {"env": "cli"}
    fails("ResourceNotFoundException", "get-lifecycle-policy", "--policy-id", UNKNOWN)
    fails("InvalidRequestException", "create-lifecycle-policy", "--execution-role-arn", ROLE,
          "--description", "bad!", "--state", "ENABLED", "--policy-details", json.dumps(DETAILS))
    assert [p["PolicyId"] for p in aws("get-lifecycle-policies")["Policies"]] == [policy]
    aws("delete-lifecycle-policy", "--policy-id", policy)
    fails("ResourceNotFoundException", "delete-lifecycle-policy", "--policy-id", policy)
    assert aws("get-lifecycle-policies")["Policies"] == []


def check_runs(server):
    """The policy runs on the server's clock: a tagged instance, a daily schedule keeping 2, and
    three model days later exactly the newest 2 AMIs exist, tagged as DLM tags them; the older
    one was deregistered with its snapshot."""
    ec2 = boto3_client("ec2", server.endpoint, REGION)
    dlm = boto3_client("dlm", server.endpoint, REGION)
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                      TagSpecifications=[{"ResourceType": "instance",
                                          "Tags": [{"Key": "backup", "Value": "daily"}]}])
    details = json.loads(json.dumps(DETAILS))
    details["Schedules"][0]["RetainRule"] = {"Count": 2}
    policy = dlm.create_lifecycle_policy(ExecutionRoleArn=ROLE, Description="runs",
                                         State="ENABLED", PolicyDetails=details)["PolicyId"]
    mine = [{"Name": "tag:aws:dlm:lifecycle-policy-id", "Values": [policy]}]
    assert ec2.describe_images(Owners=["self"], Filters=mine)["Images"] == []
    # Runs at 03:00 on days 0, 1 and 2 (the clock starts at 2026-01-01T00:00Z): three AMIs made,
    # the first retired.
    server.control("POST", "/_amisim/clock/advance", {"seconds": 3 * 24 * 3600})
    images = ec2.describe_images(Owners=["self"], Filters=mine)["Images"]
    assert len(images) == 2, images
    days = sorted(i["CreationDate"][:10] for i in images)
    assert days == ["2026-01-02", "2026-01-03"], days
    for i in images:
        tags = {t["Key"]: t["Value"] for t in i["Tags"]}
        assert tags["aws:dlm:lifecycle-schedule-name"] == "daily", tags
        assert tags["made-by"] == "dlm" and tags["backup"] == "daily", tags  # TagsToAdd, CopyTags
    snapshots = ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
    assert len(snapshots) == 2, snapshots  # the retired AMI took its snapshot with it


def main(binary):
    with AmisimServer(binary) as server:
        check_boto3(server.endpoint)
        check_cli(server.endpoint)
    with AmisimServer(binary, "--clock", "manual") as server:
        check_runs(server)
    print("Data Lifecycle Manager through boto3 and the aws CLI: ok")


if __name__ == "__main__":
    main(sys.argv[1])
