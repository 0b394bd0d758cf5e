"""HashiCorp Packer (Debian 12's `packer` 1.6.6, the `amazon-ebs` builder) bakes a golden AMI
against `amisim serve` from a plain template (tests/e2e/tools/golden-packer.json: no VPC, subnet,
zone or security group; `communicator: none`), copies it to two more Regions, shares it with
another account and tags AMIs and snapshots. boto3 then checks every artifact, and that Packer's
temporary key pair, security group, instance and volumes are gone.

usage: test_packer.py AMISIM_BINARY
"""
import base64
import os
import shutil
import subprocess
import sys
import tempfile

from amisim_server import AmisimServer, client_env
from test_boto3 import ec2_client

TEMPLATE = os.path.join(os.path.dirname(__file__), "tools", "golden-packer.json")
SOURCE = "us-east-1"
# eu-north-1 is one of the Regions issue 15 added.
COPIES = ["eu-west-1", "eu-north-1"]
PARTNER = "210987654321"
USER_DATA = "#!/bin/sh\necho baked-by-packer > /etc/motd\n"


def packer_build(endpoint, workdir):
    env = client_env(SOURCE)
    env.update({"CHECKPOINT_DISABLE": "1", "PACKER_NO_COLOR": "1", "HOME": workdir,
                "PACKER_CACHE_DIR": os.path.join(workdir, "cache"), "TMPDIR": workdir})
    run = subprocess.run(
        ["packer", "build", "-color=false", "-var", f"endpoint={endpoint}",
         "-var", f"partner_account={PARTNER}", TEMPLATE],
        env=env, cwd=workdir, capture_output=True, text=True, timeout=240)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    assert run.returncode == 0, f"packer build exited {run.returncode}"
    return run.stdout


def artifacts(stdout):
    """Region -> AMI ID from Packer's closing "AMIs were created:" lines."""
    found = {}
    for line in stdout.splitlines():
        region, _, image_id = line.partition(": ")
        if image_id.startswith("ami-") and region in [SOURCE, *COPIES]:
            found[region] = image_id.strip()
    return found


def tags_of(resource):
    return {t["Key"]: t["Value"] for t in resource.get("Tags", [])}


def check_image(endpoint, region, image_id):
    ec2 = ec2_client(endpoint, region)
    image = ec2.describe_images(ImageIds=[image_id])["Images"][0]
    assert image["State"] == "available", image["State"]
    assert image["Name"] == "golden-packer" and image["Description"] == \
        "Golden image baked by Packer", image
    tags = tags_of(image)
    assert tags["stage"] == "gold" and tags["Name"] == "golden-packer", tags
    assert tags["base"].startswith("al2023-ami-"), tags
    perms = ec2.describe_image_attribute(ImageId=image_id, Attribute="launchPermission")
    assert perms["LaunchPermissions"] == [{"UserId": PARTNER}], perms
    partner = ec2_client(endpoint, region, access_key=PARTNER)
    shared = partner.describe_images(ExecutableUsers=["self"])["Images"]
    assert [i["ImageId"] for i in shared] == [image_id], shared
    for mapping in image["BlockDeviceMappings"]:
        snapshot = ec2.describe_snapshots(
            SnapshotIds=[mapping["Ebs"]["SnapshotId"]])["Snapshots"][0]
        assert tags_of(snapshot).get("stage") == "gold", snapshot


def check_cleaned_up(endpoint):
    """Packer's temporary key pair, group, builder and its volumes are gone."""
    ec2 = ec2_client(endpoint, SOURCE)
    keys = [k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]]
    assert not [k for k in keys if k.startswith("packer_")], keys
    groups = [g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]]
    assert not [g for g in groups if g.startswith("packer_")], groups
    reservations = ec2.describe_instances()["Reservations"]
    builders = [i for r in reservations for i in r["Instances"]]
    assert len(builders) == 1, builders
    builder = builders[0]
    assert builder["State"]["Name"] == "terminated", builder["State"]
    user_data = ec2.describe_instance_attribute(InstanceId=builder["InstanceId"],
                                                Attribute="userData")["UserData"]["Value"]
    assert base64.b64decode(user_data).decode() == USER_DATA
    volumes = ec2.describe_volumes()["Volumes"]
    assert volumes == [], volumes


def main(binary):
    if shutil.which("packer") is None:
        print("packer is not installed (scripts/install-deps.sh installs it for make test)")
        return 77
    with AmisimServer(binary) as server, tempfile.TemporaryDirectory() as workdir:
        amis = artifacts(packer_build(server.endpoint, workdir))
        assert sorted(amis) == sorted([SOURCE, *COPIES]), amis
        for region, image_id in amis.items():
            check_image(server.endpoint, region, image_id)
        check_cleaned_up(server.endpoint)
    print("packer: baked, copied to", ", ".join(COPIES), "shared and tagged; temporaries gone")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
