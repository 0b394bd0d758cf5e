"""boto3 (the machine's Python, or Debian's python3-boto3) against `amisim serve`: waiters in
both clock modes, paginators over more than 1,000 images, and AWS error codes.

usage: test_boto3.py AMISIM_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from amisim_server import AmisimServer, catalogue_image_id, client_env

AL2023 = catalogue_image_id("al2023-x86_64", "us-east-1")
FAST = {"Delay": 1, "MaxAttempts": 30}


def ec2_client(endpoint, region="us-east-1", access_key="AKIDAMISIMTEST"):
    env = client_env(region, access_key)
    session = boto3.session.Session(aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                                    aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                                    region_name=region)
    return session.client("ec2", endpoint_url=endpoint,
                          config=Config(retries={"max_attempts": 1}))


def ssm_client(endpoint, region="us-east-1", access_key="AKIDAMISIMTEST"):
    env = client_env(region, access_key)
    session = boto3.session.Session(aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                                    aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                                    region_name=region)
    return session.client("ssm", endpoint_url=endpoint,
                          config=Config(retries={"max_attempts": 1}))


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError(f"{call.__name__}({kwargs}) should have failed")


def state_of(ec2, instance_id):
    r = ec2.describe_instances(InstanceIds=[instance_id])
    return r["Reservations"][0]["Instances"][0]["State"]["Name"]


def instant_workflow(binary):
    with AmisimServer(binary) as server:
        ec2 = ec2_client(server.endpoint)
        run = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                TagSpecifications=[{"ResourceType": "instance",
                                                    "Tags": [{"Key": "Name", "Value": "builder"}]}])
        instance_id = run["Instances"][0]["InstanceId"]
        assert run["ResponseMetadata"]["RequestId"], run["ResponseMetadata"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id], WaiterConfig=FAST)
        ec2.stop_instances(InstanceIds=[instance_id])
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[instance_id], WaiterConfig=FAST)
        assert state_of(ec2, instance_id) == "stopped"
        image_id = ec2.create_image(InstanceId=instance_id, Name="golden-boto3")["ImageId"]
        ec2.get_waiter("image_available").wait(ImageIds=[image_id], WaiterConfig=FAST)
        image = ec2.describe_images(ImageIds=[image_id])["Images"][0]
        assert image["State"] == "available" and image["Name"] == "golden-boto3"
        tags = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0][
            "Instances"][0]["Tags"]
        assert tags == [{"Key": "Name", "Value": "builder"}], tags

        # Error codes and HTTP statuses of wrong IDs, wrong states and duplicate names.
        assert error_code(ec2.describe_instances, InstanceIds=["i-00000000000000000"]) == \
            ("InvalidInstanceID.NotFound", 400)
        assert error_code(ec2.describe_images, ImageIds=["ami-nothex"])[0] == \
            "InvalidAMIID.Malformed"
        assert error_code(ec2.create_image, InstanceId=instance_id, Name="golden-boto3") == \
            ("InvalidAMIName.Duplicate", 400)
        ec2.create_key_pair(KeyName="ops")
        assert error_code(ec2.create_key_pair, KeyName="ops")[0] == "InvalidKeyPair.Duplicate"
        assert error_code(ec2.describe_regions, DryRun=True) == ("DryRunOperation", 412)
        ec2.terminate_instances(InstanceIds=[instance_id])
        assert error_code(ec2.start_instances, InstanceIds=[instance_id])[0] == \
            "IncorrectInstanceState"

        # Accounts come from 12-digit access keys: another account sees none of this.
        other = ec2_client(server.endpoint, access_key="210987654321")
        assert error_code(other.describe_images, ImageIds=[image_id])[0] in (
            "InvalidAMIID.NotFound", "AuthFailure")
        assert other.describe_images(Owners=["self"])["Images"] == []


def manual_workflow(binary):
    with AmisimServer(binary, "--clock", "manual") as server:
        ec2 = ec2_client(server.endpoint)
        instance_id = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                        MaxCount=1)["Instances"][0]["InstanceId"]
        assert state_of(ec2, instance_id) == "pending"
        # Stopping a pending instance is a wrong state in EC2.
        assert error_code(ec2.stop_instances, InstanceIds=[instance_id])[0] == \
            "IncorrectInstanceState"
        server.control("POST", "/_amisim/clock/advance", {"seconds": 300})
        assert state_of(ec2, instance_id) == "running"

        ec2.stop_instances(InstanceIds=[instance_id])
        assert state_of(ec2, instance_id) == "stopping"
        # The waiter polls while time stands still, and succeeds once a trainer moves the clock.
        waited = {}

        def wait():
            started = time.monotonic()
            ec2.get_waiter("instance_stopped").wait(InstanceIds=[instance_id], WaiterConfig=FAST)
            waited["seconds"] = time.monotonic() - started

        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(2.5)
        assert waiter.is_alive(), "the waiter finished although the clock stood still"
        server.control("POST", "/_amisim/clock/advance", {"seconds": 60})
        waiter.join(timeout=30)
        assert not waiter.is_alive() and waited["seconds"] >= 2.5, waited
        assert state_of(ec2, instance_id) == "stopped"

        image_id = ec2.create_image(InstanceId=instance_id, Name="golden-manual")["ImageId"]
        assert ec2.describe_images(ImageIds=[image_id])["Images"][0]["State"] == "pending"
        server.control("POST", "/_amisim/clock/advance", {"seconds": 3600})
        ec2.get_waiter("image_available").wait(ImageIds=[image_id], WaiterConfig=FAST)


def paginators(binary):
    # 40,800 synthetic images spread over 34 Regions: 1,200 in us-east-1, plus the catalogue.
    with AmisimServer(binary, "--catalog-size", "40800") as server:
        ec2 = ec2_client(server.endpoint)
        everything = ec2.describe_images(Owners=["amazon"])["Images"]
        assert len(everything) > 1000, len(everything)
        pages = list(ec2.get_paginator("describe_images").paginate(
            Owners=["amazon"], PaginationConfig={"PageSize": 400}))
        paged = [i["ImageId"] for p in pages for i in p["Images"]]
        assert len(pages) >= 3, len(pages)
        assert all(len(p["Images"]) <= 400 for p in pages)
        assert len(paged) == len(set(paged)), "an image came back twice"
        assert sorted(paged) == sorted(i["ImageId"] for i in everything)


def state_file_survives_restart(binary):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "world.json")
        with AmisimServer(binary, "--state", path, "--seed", "3") as server:
            ec2 = ec2_client(server.endpoint)
            key_id = ec2.create_key_pair(KeyName="kept")["KeyPairId"]
            instance_id = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                            MaxCount=1)["Instances"][0]["InstanceId"]
            assert server.control("POST", "/_amisim/state/save")["saved"] == path
            with open(path) as f:
                saved = json.load(f)
            assert saved["format"] == "amisim-state/4" and saved["seed"] == 3
            before = server.control("POST", "/_amisim/clock/advance", {"seconds": 60})["now"]
        # SIGTERM saved the world again; a new server loads it.
        assert os.listdir(tmp) == ["world.json"], os.listdir(tmp)
        # A save killed mid-write left its temporary (the pid is above Linux's largest): the next
        # start removes it, and only it.
        for name in ("world.json.tmp-4194305", "world.json.tmp-x", "other.json.tmp-4194305"):
            with open(os.path.join(tmp, name), "w") as f:
                f.write("{partial")
        with AmisimServer(binary, "--state", path) as server:
            assert sorted(os.listdir(tmp)) == ["other.json.tmp-4194305", "world.json",
                                               "world.json.tmp-x"], os.listdir(tmp)
            ec2 = ec2_client(server.endpoint)
            keys = ec2.describe_key_pairs()["KeyPairs"]
            assert [(k["KeyName"], k["KeyPairId"]) for k in keys] == [("kept", key_id)], keys
            assert state_of(ec2, instance_id) == "running"
            assert server.control("GET", "/_amisim/clock")["now"] == before
        with open(path, "w") as f:
            f.write("{not json")
        bad = subprocess.run([binary, "serve", "--port", "0", "--state", path],
                             capture_output=True, text=True, timeout=30)
        assert bad.returncode == 1 and "cannot load" in bad.stderr, bad


def ssm_parameters(binary):
    """Public SSM parameters: the Region's image ID, and RunInstances with resolve:ssm."""
    name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    with AmisimServer(binary) as server:
        for region in ("us-east-1", "eu-west-1"):
            p = ssm_client(server.endpoint, region).get_parameter(Name=name)["Parameter"]
            assert p["Name"] == name, p
            assert p["Value"] == catalogue_image_id("al2023-x86_64", region), (region, p)
            assert p["Type"] == "String" and p["DataType"] == "aws:ec2:image", p
            assert p["ARN"] == f"arn:aws:ssm:{region}::parameter{name}", p
            assert p["LastModifiedDate"].year == 2025, p  # a datetime: the image's creation
        ssm = ssm_client(server.endpoint, "eu-west-1")
        both = ssm.get_parameters(Names=[name, "/aws/service/none"])
        assert [p["Name"] for p in both["Parameters"]] == [name], both
        assert both["InvalidParameters"] == ["/aws/service/none"], both
        try:
            ssm.get_parameter(Name="/aws/service/none")
            raise AssertionError("get_parameter of an unknown name should have failed")
        except ssm.exceptions.ParameterNotFound as e:
            assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400, e.response
        ec2 = ec2_client(server.endpoint, "eu-west-1")
        run = ec2.run_instances(ImageId="resolve:ssm:" + name, InstanceType="t3.micro",
                                MinCount=1, MaxCount=1)
        expected = catalogue_image_id("al2023-x86_64", "eu-west-1")
        instance_id = run["Instances"][0]["InstanceId"]
        assert run["Instances"][0]["ImageId"] == expected, run["Instances"][0]
        described = ec2.describe_instances(InstanceIds=[instance_id])
        assert described["Reservations"][0]["Instances"][0]["ImageId"] == expected, described
        assert error_code(ec2.run_instances, ImageId="resolve:ssm:/golden-ami",
                          InstanceType="t3.micro", MinCount=1, MaxCount=1) == \
            ("SsmInvalidParameter", 400)


def text_replies_cannot_carry(binary):
    """Issue 14 section 1 with botocore's own XML parser: text XML 1.0 cannot carry is refused
    where it enters (an AWS error, not a ResponseParserError), for the caller and for everyone
    else; tab, CR and LF come back exactly."""
    with AmisimServer(binary) as server:
        ec2 = ec2_client(server.endpoint)
        other = ec2_client(server.endpoint, access_key="210987654321")
        group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]["GroupId"]
        for value in ["x\uffff", "a\x01b", "a\x00b"]:
            assert error_code(ec2.create_tags, Resources=[group],
                              Tags=[{"Key": "k", "Value": value}]) == ("InvalidParameterValue", 400)
        assert error_code(ec2.copy_image, SourceRegion="us-east-1", SourceImageId=AL2023,
                          Name="golden-1", Description="public \uffff") == \
            ("InvalidParameterValue", 400)
        assert error_code(ec2.create_security_group, GroupName="a<b>'\"",
                          Description="web") == ("InvalidParameterValue", 400)
        ec2.create_tags(Resources=[group], Tags=[{"Key": "k", "Value": "a\tb\r\nc"}])
        tags = ec2.describe_tags(Filters=[{"Name": "key", "Values": ["k"]}])["Tags"]
        assert [t["Value"] for t in tags] == ["a\tb\r\nc"], tags
        copy = ec2.copy_image(SourceRegion="us-east-1", SourceImageId=AL2023, Name="golden-1",
                              Description="public \u20ac <ok>")["ImageId"]
        ec2.modify_image_attribute(ImageId=copy, LaunchPermission={"Add": [{"Group": "all"}]})
        seen = other.describe_images(ImageIds=[copy])["Images"][0]
        assert seen["Description"] == "public \u20ac <ok>", seen
        other.describe_images()
        ec2.describe_images(Owners=["self"])
        ec2.describe_security_groups()


def security_group_rules(binary):
    """Issue 15 section 1 with boto3: IpPermissions with several peers become rules with IDs,
    described back grouped by protocol and ports; rule IDs revoke; a referenced group cannot be
    deleted; DryRun answers DryRunOperation and changes nothing."""
    with AmisimServer(binary) as server:
        ec2 = ec2_client(server.endpoint)
        app = ec2.create_security_group(GroupName="app", Description="app")["GroupId"]
        db = ec2.create_security_group(GroupName="db", Description="db")["GroupId"]
        permission = {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                      "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "office"}],
                      "UserIdGroupPairs": [{"GroupId": app, "Description": "app servers"}]}
        try:
            ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[permission],
                                                 DryRun=True)
            raise AssertionError("DryRun should have answered DryRunOperation")
        except ClientError as e:
            assert e.response["Error"]["Code"] == "DryRunOperation", e.response
        added = ec2.authorize_security_group_ingress(
            GroupId=db, IpPermissions=[permission],
            TagSpecifications=[{"ResourceType": "security-group-rule",
                                "Tags": [{"Key": "Name", "Value": "pg"}]}])
        assert added["Return"] is True and len(added["SecurityGroupRules"]) == 2, added
        by_group = [r for r in added["SecurityGroupRules"] if "ReferencedGroupInfo" in r][0]
        assert by_group["ReferencedGroupInfo"]["GroupId"] == app, by_group
        assert by_group["Tags"] == [{"Key": "Name", "Value": "pg"}], by_group
        described = ec2.describe_security_groups(GroupIds=[db])["SecurityGroups"][0]
        assert described["IpPermissions"] == [{
            "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
            "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "office"}], "Ipv6Ranges": [],
            "PrefixListIds": [],
            "UserIdGroupPairs": [{"GroupId": app, "UserId": "123456789012",
                                  "Description": "app servers"}]}], described
        found = ec2.describe_security_groups(
            Filters=[{"Name": "ip-permission.group-id", "Values": [app]}])["SecurityGroups"]
        assert [g["GroupId"] for g in found] == [db], found
        assert error_code(ec2.delete_security_group, GroupId=app) == ("DependencyViolation", 400)
        assert error_code(ec2.authorize_security_group_ingress, GroupId=db,
                          IpPermissions=[permission]) == ("InvalidPermission.Duplicate", 400)
        assert error_code(ec2.authorize_security_group_ingress, GroupId=db,
                          IpPermissions=[{"IpProtocol": "tcp", "FromPort": 1, "ToPort": 1,
                                          "IpRanges": [{"CidrIp": "10.0.0.0/40"}]}]) == \
            ("InvalidParameterValue", 400)
        rules = ec2.describe_security_group_rules(
            Filters=[{"Name": "tag:Name", "Values": ["pg"]}])["SecurityGroupRules"]
        assert len(rules) == 2, rules
        revoked = ec2.revoke_security_group_ingress(
            GroupId=db, SecurityGroupRuleIds=[by_group["SecurityGroupRuleId"]])
        assert revoked["Return"] is True, revoked
        assert revoked["RevokedSecurityGroupRules"][0]["ReferencedGroupId"] == app, revoked
        ec2.delete_security_group(GroupId=app)
        egress = ec2.describe_security_groups(GroupIds=[db])["SecurityGroups"][0]
        assert egress["IpPermissionsEgress"] == [{
            "IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [],
            "PrefixListIds": [], "UserIdGroupPairs": []}], egress


def network(binary):
    """The default network as Ansible and Terraform read it, an instance in a subnet with an
    address and an interface, Elastic IPs across stop and start, and VPC dependencies."""
    with AmisimServer(binary) as server:
        ec2 = ec2_client(server.endpoint, "eu-west-1")
        vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]
        assert vpc["IsDefault"] and vpc["CidrBlock"] == "172.31.0.0/16", vpc
        subnets = ec2.describe_subnets(
            Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]},
                     {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
        assert len(subnets) == 3 and all(s["AvailableIpAddressCount"] == 4091 for s in subnets)
        attrs = ec2.describe_account_attributes(AttributeNames=["default-vpc"])
        assert attrs["AccountAttributes"][0]["AttributeValues"][0]["AttributeValue"] == vpc["VpcId"]
        tables = ec2.describe_route_tables(
            Filters=[{"Name": "association.main", "Values": ["true"]}])["RouteTables"]
        assert {r["DestinationCidrBlock"] for r in tables[0]["Routes"]} == {"172.31.0.0/16",
                                                                             "0.0.0.0/0"}
        assert ec2.describe_network_acls()["NetworkAcls"][0]["IsDefault"]
        assert ec2.describe_internet_gateways()["InternetGateways"][0]["Attachments"]

        image = catalogue_image_id("al2023-x86_64", "eu-west-1")
        subnet = subnets[1]["SubnetId"]
        run = ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                SubnetId=subnet)["Instances"][0]
        assert run["SubnetId"] == subnet and run["VpcId"] == vpc["VpcId"], run
        assert run["PrivateDnsName"].endswith(".eu-west-1.compute.internal"), run
        iid = run["InstanceId"]
        live = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        assert live["PublicDnsName"].endswith(".eu-west-1.compute.amazonaws.com"), live
        assert live["NetworkInterfaces"][0]["Association"]["PublicIp"] == live["PublicIpAddress"]
        eip = ec2.allocate_address(Domain="vpc")
        ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=iid)
        ec2.stop_instances(InstanceIds=[iid])
        ec2.start_instances(InstanceIds=[iid])
        live = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        assert live["PublicIpAddress"] == eip["PublicIp"], live
        assert error_code(ec2.release_address, AllocationId=eip["AllocationId"]) == (
            "InvalidIPAddress.InUse", 400)

        other = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        ec2.create_subnet(VpcId=other, CidrBlock="10.0.0.0/24")
        assert error_code(ec2.create_subnet, VpcId=other, CidrBlock="10.0.0.0/25") == (
            "InvalidSubnet.Conflict", 400)
        assert error_code(ec2.delete_vpc, VpcId=other) == ("DependencyViolation", 400)
        # A subnet of eu-west-1 is not found in us-east-1.
        us = ec2_client(server.endpoint, "us-east-1")
        assert error_code(us.run_instances, ImageId=AL2023, MinCount=1, MaxCount=1,
                          SubnetId=subnet) == ("InvalidSubnetID.NotFound", 400)


if __name__ == "__main__":
    binary = sys.argv[1]
    instant_workflow(binary)
    manual_workflow(binary)
    paginators(binary)
    state_file_survives_restart(binary)
    ssm_parameters(binary)
    text_replies_cannot_carry(binary)
    security_group_rules(binary)
    network(binary)
    print("boto3 end-to-end: ok")
