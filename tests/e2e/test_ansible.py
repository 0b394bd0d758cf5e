"""Ansible (Debian 12's `ansible` 7: amazon.aws 5.5 and community.aws 5.5 under /usr/bin/python3)
runs the golden-AMI playbook tests/e2e/tools/golden-ami.yml against `amisim serve`: base image,
key pair, security group with a rule, builder with user data in the default VPC, stop, bake with
launch permissions, copy to another Region, list snapshots, deregister the copy with
delete_snapshot, terminate. boto3 then checks the end state.

usage: test_ansible.py AMISIM_BINARY
"""
import base64
import os
import shutil
import subprocess
import sys
import tempfile

from amisim_server import AmisimServer, client_env
from test_boto3 import ec2_client

PLAYBOOK = os.path.join(os.path.dirname(__file__), "tools", "golden-ami.yml")
SOURCE, COPY = "us-east-1", "eu-west-1"
PARTNER = "210987654321"


def run_playbook(endpoint, workdir):
    env = client_env(SOURCE)
    env.update({"AMISIM_ENDPOINT": endpoint, "HOME": workdir, "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "tmp"),
                "ANSIBLE_LOCALHOST_WARNING": "False",
                "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False",
                "ANSIBLE_PYTHON_INTERPRETER": "/usr/bin/python3"})
    run = subprocess.run(["ansible-playbook", PLAYBOOK], env=env, cwd=workdir,
                         capture_output=True, text=True, timeout=280)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    assert run.returncode == 0, f"ansible-playbook exited {run.returncode}"


def check_source(endpoint):
    ec2 = ec2_client(endpoint, SOURCE)
    images = ec2.describe_images(Owners=["self"])["Images"]
    assert [i["Name"] for i in images] == ["golden-ansible"], images
    golden = images[0]
    assert golden["State"] == "available"
    assert {"Key": "stage", "Value": "gold"} in golden.get("Tags", []), golden
    perms = ec2.describe_image_attribute(ImageId=golden["ImageId"], Attribute="launchPermission")
    assert perms["LaunchPermissions"] == [{"UserId": PARTNER}], perms
    group = ec2.describe_security_groups(GroupNames=["builder"])["SecurityGroups"][0]
    ssh = [p for p in group["IpPermissions"] if p.get("FromPort") == 22]
    assert ssh and ssh[0]["IpRanges"][0]["CidrIp"] == "10.0.0.0/8", group
    assert ec2.describe_key_pairs(KeyNames=["builder"])["KeyPairs"]
    builders = [i for r in ec2.describe_instances(
        Filters=[{"Name": "tag:Name", "Values": ["golden-builder"]}])["Reservations"]
        for i in r["Instances"]]
    assert len(builders) == 1 and builders[0]["State"]["Name"] == "terminated", builders
    user_data = ec2.describe_instance_attribute(InstanceId=builders[0]["InstanceId"],
                                                Attribute="userData")["UserData"]["Value"]
    assert base64.b64decode(user_data).decode().startswith("#!/bin/sh\n")


def check_copy_rolled_back(endpoint):
    ec2 = ec2_client(endpoint, COPY)
    live = [i for i in ec2.describe_images(Owners=["self"])["Images"]
            if i["State"] != "deregistered"]
    assert live == [], live
    snapshots = ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
    assert snapshots == [], snapshots


def main(binary):
    if shutil.which("ansible-playbook") is None:
        print("ansible is not installed (scripts/install-deps.sh installs it for make test)")
        return 77
    with AmisimServer(binary) as server, tempfile.TemporaryDirectory() as workdir:
        run_playbook(server.endpoint, workdir)
        check_source(server.endpoint)
        check_copy_rolled_back(server.endpoint)
    print("ansible: baked, shared, copied, rolled back and cleaned up")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
