"""The aws CLI (the machine's, or Debian's awscli) against `amisim serve`: the golden-AMI path a
pipeline runs, with outputs checked, not just exit codes.

usage: test_aws_cli.py AMISIM_BINARY
"""
import json
import subprocess
import sys

from amisim_server import AmisimServer, catalogue_image_id, client_env

AL2023_X86_US_EAST_1 = catalogue_image_id("al2023-x86_64", "us-east-1")


class AwsCli:
    def __init__(self, endpoint, region="us-east-1"):
        self.endpoint = endpoint
        self.env = client_env(region)

    def run(self, *args, expect_error=None):
        cmd = ["aws", "--endpoint-url", self.endpoint, "--output", "json", "ec2", *args]
        done = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=120)
        if expect_error:
            assert done.returncode != 0, f"{args} should fail with {expect_error}"
            assert f"({expect_error})" in done.stderr, f"{args}: {done.stderr}"
            return done.stderr
        assert done.returncode == 0, f"aws ec2 {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else None

    def ce(self, *args):
        """An `aws ce` call (Cost Explorer, awsJson1.1), its output parsed."""
        cmd = ["aws", "--endpoint-url", self.endpoint, "--output", "json", "ce", *args]
        done = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"aws ce {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout)


def check_cost_explorer(server, aws):
    """A volume kept for a day shows in Cost Explorer as "EC2 - Other" on the world's first day
    (2026-01-01); the next day, still inside the period, is its own result."""
    volume = aws.run("create-volume", "--availability-zone", "us-east-1a", "--size", "100",
                     "--volume-type", "gp3")
    assert volume["VolumeId"].startswith("vol-"), volume
    server.control("POST", "/_amisim/clock/advance", {"seconds": 6 * 3600})
    out = aws.ce("get-cost-and-usage", "--time-period", "Start=2026-01-01,End=2026-01-03",
                 "--granularity", "DAILY", "--metrics", "UnblendedCost",
                 "--group-by", "Type=DIMENSION,Key=SERVICE")
    assert out["GroupDefinitions"] == [{"Type": "DIMENSION", "Key": "SERVICE"}], out
    days = out["ResultsByTime"]
    assert [d["TimePeriod"] for d in days] == [
        {"Start": "2026-01-01", "End": "2026-01-02"},
        {"Start": "2026-01-02", "End": "2026-01-03"}], days
    assert all(d["Total"] == {} for d in days), days  # grouped: the figures are in Groups
    groups = {g["Keys"][0]: g["Metrics"]["UnblendedCost"] for g in days[0]["Groups"]}
    assert groups["EC2 - Other"]["Unit"] == "USD", groups
    # 100 GiB of gp3 for 6 hours alone is 100 x 0.08 x 6 / 720 = $0.0667.
    assert float(groups["EC2 - Other"]["Amount"]) > 0.06, groups
    assert days[1]["Groups"] == [], days[1]  # the clock has not reached the second day
    assert days[0]["Estimated"] is True  # the day is not over in model time

    ungrouped = aws.ce("get-cost-and-usage", "--time-period", "Start=2026-01-01,End=2026-02-01",
                       "--granularity", "MONTHLY", "--metrics", "UnblendedCost",
                       "UsageQuantity")
    total = ungrouped["ResultsByTime"][0]["Total"]
    assert float(total["UnblendedCost"]["Amount"]) == round(
        sum(float(g["Amount"]) for g in groups.values()), 6), (total, groups)


def check_security_group_rules(aws):
    """Issue 15 section 1: rules authorized with the CLI's own shorthand come back described, in
    DescribeSecurityGroups' grouped form and DescribeSecurityGroupRules' one-rule form; a group
    another group's rule references cannot be deleted."""
    web = aws.run("create-security-group", "--group-name", "web",
                  "--description", "web servers")["GroupId"]
    added = aws.run("authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp",
                    "--port", "22", "--cidr", "203.0.113.7/24")
    assert added["Return"] is True, added
    rule = added["SecurityGroupRules"][0]
    assert rule["SecurityGroupRuleId"].startswith("sgr-0"), rule
    assert rule["CidrIpv4"] == "203.0.113.0/24", rule  # canonicalized, as EC2 does
    group = aws.run("describe-security-groups", "--group-ids", web)["SecurityGroups"][0]
    assert group["IpPermissions"] == [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                       "IpRanges": [{"CidrIp": "203.0.113.0/24"}],
                                       "Ipv6Ranges": [], "PrefixListIds": [],
                                       "UserIdGroupPairs": []}], group
    assert group["IpPermissionsEgress"][0]["IpRanges"] == [{"CidrIp": "0.0.0.0/0"}], group
    rules = aws.run("describe-security-group-rules", "--filters",
                    f"Name=group-id,Values={web}")["SecurityGroupRules"]
    assert sorted(r["IsEgress"] for r in rules) == [False, True], rules
    aws.run("authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp",
            "--port", "22", "--cidr", "203.0.113.0/24", expect_error="InvalidPermission.Duplicate")
    db = aws.run("create-security-group", "--group-name", "db",
                 "--description", "databases")["GroupId"]
    aws.run("authorize-security-group-ingress", "--group-id", db, "--protocol", "tcp",
            "--port", "5432", "--source-group", web)
    aws.run("delete-security-group", "--group-id", web, expect_error="DependencyViolation")
    aws.run("revoke-security-group-ingress", "--group-id", db, "--protocol", "tcp",
            "--port", "5432", "--source-group", web)
    aws.run("delete-security-group", "--group-id", web)


def check_network(aws):
    """The default VPC is there; an instance has a subnet, an address and an interface; a VPC
    with a subnet cannot be deleted."""
    vpcs = aws.run("describe-vpcs", "--filters", "Name=is-default,Values=true")["Vpcs"]
    assert len(vpcs) == 1 and vpcs[0]["CidrBlock"] == "172.31.0.0/16", vpcs
    instance = aws.run("run-instances", "--image-id", AL2023_X86_US_EAST_1,
                       "--instance-type", "t3.micro", "--count", "1")["Instances"][0]
    assert instance["VpcId"] == vpcs[0]["VpcId"], instance
    assert instance["SubnetId"].startswith("subnet-"), instance
    assert instance["PrivateIpAddress"].startswith("172.31."), instance
    assert instance["PrivateDnsName"].endswith(".ec2.internal"), instance
    eni = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    enis = aws.run("describe-network-interfaces", "--network-interface-ids", eni)
    assert enis["NetworkInterfaces"][0]["Attachment"]["InstanceId"] == instance["InstanceId"]
    vpc = aws.run("create-vpc", "--cidr-block", "10.0.0.0/16")["Vpc"]["VpcId"]
    aws.run("create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.1.0/24")
    aws.run("delete-vpc", "--vpc-id", vpc, expect_error="DependencyViolation")


def main(binary):
    with AmisimServer(binary) as server:
        aws = AwsCli(server.endpoint)

        images = aws.run("describe-images", "--owners", "amazon", "--filters",
                         "Name=name,Values=al2023-ami-*", "Name=architecture,Values=x86_64")["Images"]
        assert [i["ImageId"] for i in images] == [AL2023_X86_US_EAST_1], images
        assert images[0]["ImageOwnerAlias"] == "amazon"
        assert images[0]["State"] == "available"

        reservation = aws.run("run-instances", "--image-id", AL2023_X86_US_EAST_1,
                              "--instance-type", "t3.micro", "--count", "1")
        instance = reservation["Instances"][0]
        instance_id = instance["InstanceId"]
        assert instance_id.startswith("i-0") and len(instance_id) == 19, instance_id
        assert instance["State"] == {"Code": 0, "Name": "pending"}
        assert instance["ImageId"] == AL2023_X86_US_EAST_1

        # Clock mode instant: the boot has finished by the next call.
        described = aws.run("describe-instances", "--instance-ids", instance_id)
        assert described["Reservations"][0]["Instances"][0]["State"]["Name"] == "running"

        stopping = aws.run("stop-instances", "--instance-ids", instance_id)["StoppingInstances"][0]
        assert stopping["PreviousState"]["Name"] == "running"
        assert stopping["CurrentState"]["Name"] == "stopping"
        state = aws.run("describe-instances", "--instance-ids", instance_id,
                        "--query", "Reservations[0].Instances[0].State.Name")
        assert state == "stopped", state

        image_id = aws.run("create-image", "--instance-id", instance_id,
                           "--name", "golden-1", "--description", "baked by the CLI")["ImageId"]
        assert image_id.startswith("ami-0") and image_id != AL2023_X86_US_EAST_1
        aws.run("wait", "image-available", "--image-ids", image_id)
        image = aws.run("describe-images", "--image-ids", image_id)["Images"][0]
        assert image["State"] == "available"
        assert image["Name"] == "golden-1"
        assert image["Description"] == "baked by the CLI"
        assert image["OwnerId"] == "123456789012"
        snapshot_id = image["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]

        aws.run("create-image", "--instance-id", instance_id, "--name", "golden-1",
                expect_error="InvalidAMIName.Duplicate")
        aws.run("describe-images", "--image-ids", "ami-00000000000000000",
                expect_error="InvalidAMIID.NotFound")
        aws.run("start-instances", "--instance-ids", "i-00000000000000000",
                expect_error="InvalidInstanceID.NotFound")

        snapshots = aws.run("describe-snapshots", "--owner-ids", "self")["Snapshots"]
        mine = [s for s in snapshots if s["SnapshotId"] == snapshot_id]
        assert len(mine) == 1, snapshots
        assert mine[0]["State"] == "completed"
        assert mine[0]["OwnerId"] == "123456789012"

        aws.run("deregister-image", "--image-id", image_id)
        left = aws.run("describe-images", "--owners", "self")["Images"]
        assert image_id not in [i["ImageId"] for i in left if i["State"] != "deregistered"]
        # The snapshot outlives its image unless asked otherwise.
        assert aws.run("describe-snapshots", "--snapshot-ids", snapshot_id)["Snapshots"]

        check_cost_explorer(server, aws)
        check_security_group_rules(aws)
        check_network(aws)

        # Another Region is another world of IDs.
        eu = AwsCli(server.endpoint, "eu-west-1")
        eu.run("describe-images", "--image-ids", AL2023_X86_US_EAST_1,
               expect_error="InvalidAMIID.NotFound")
    print("aws CLI end-to-end: ok")


if __name__ == "__main__":
    main(sys.argv[1])
