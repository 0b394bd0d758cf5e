#!/usr/bin/env python3
"""A careful AMI clean-up job: the naive one's rule (older than 30 days) with what it forgot.

In every Region of the account (AMISIM_REGIONS under amisim, else the client's Region), an image
of ours older than 30 days is deregistered only when
  - no instance that is not terminated was launched from it,
  - no launch-template version names it,
  - it is not protected from deregistration, public, or shared with other accounts;
and then its snapshots are deleted, unless another image still uses them.

    amisim check --workflow 'python3 examples/check/careful_cleanup.py' \
                 --invariant examples/check/invariants.json --runs 200
"""
import os
from datetime import datetime, timedelta, timezone

import boto3
from botocore.exceptions import ClientError


def now():
    text = os.environ.get("AMISIM_NOW")
    if text:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    return datetime.now(timezone.utc)


def in_use(ec2):
    """Image IDs that an instance not terminated came from, or a launch-template version names."""
    used = set()
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] not in ("shutting-down", "terminated"):
                    used.add(instance["ImageId"])
    for page in ec2.get_paginator("describe_launch_templates").paginate():
        for template in page["LaunchTemplates"]:
            versions = ec2.describe_launch_template_versions(
                LaunchTemplateId=template["LaunchTemplateId"])["LaunchTemplateVersions"]
            for version in versions:
                image = version.get("LaunchTemplateData", {}).get("ImageId")
                if image:
                    used.add(image)
    return used


def shared(ec2, image):
    if image.get("Public"):
        return True
    permissions = ec2.describe_image_attribute(
        ImageId=image["ImageId"], Attribute="launchPermission")["LaunchPermissions"]
    return len(permissions) > 0


def clean(ec2, cutoff):
    images = ec2.describe_images(Owners=["self"])["Images"]
    used = in_use(ec2)
    gone = []
    for image in images:
        created = datetime.fromisoformat(image["CreationDate"].replace("Z", "+00:00"))
        if created >= cutoff or image["ImageId"] in used:
            continue
        if image.get("DeregistrationProtection", "disabled").startswith("enabled"):
            continue
        if shared(ec2, image):
            continue
        try:
            ec2.deregister_image(ImageId=image["ImageId"])
        except ClientError as e:
            # Protected from deregistration: boto3 before 1.34 does not show the
            # DeregistrationProtection member above, so AWS's refusal is the sure sign.
            if e.response["Error"]["Code"] != "OperationNotPermitted":
                raise
            print(f"kept {image['ImageId']}: {e.response['Error']['Message']}")
            continue
        print(f"deregistered {image['ImageId']} ({image.get('Name')}), created {image['CreationDate']}")
        gone.append(image)
    # Snapshots another registered image still uses stay.
    kept = {m["Ebs"]["SnapshotId"]
            for image in ec2.describe_images(Owners=["self"])["Images"]
            for m in image.get("BlockDeviceMappings", []) if "Ebs" in m}
    for image in gone:
        for m in image.get("BlockDeviceMappings", []):
            snapshot = m.get("Ebs", {}).get("SnapshotId")
            if snapshot and snapshot not in kept:
                print(f"  deleting its snapshot {snapshot}")
                ec2.delete_snapshot(SnapshotId=snapshot)


def main():
    endpoint = os.environ.get("AWS_ENDPOINT_URL")  # boto3 before 1.28 does not read it itself
    session = boto3.session.Session()  # one session: the service model is loaded once
    regions = os.environ.get("AMISIM_REGIONS", "").split() or [session.region_name]
    cutoff = now() - timedelta(days=30)
    for region in regions:
        clean(session.client("ec2", endpoint_url=endpoint, region_name=region), cutoff)


if __name__ == "__main__":
    main()
