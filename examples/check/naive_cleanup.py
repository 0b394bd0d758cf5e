#!/usr/bin/env python3
"""A deliberately naive AMI clean-up job: deregister every image of ours older than 30 days.

It forgets that instances may still run from an old image, so `amisim check` finds a world where
it deregisters an image in use (README "Property-test your workflow"):

    amisim check --workflow 'python3 examples/check/naive_cleanup.py' \
                 --invariant never-deregisters-in-use

It talks to whatever endpoint AWS_ENDPOINT_URL names (amisim check sets it); "now" is the
world's time (AMISIM_NOW) when it runs under amisim, else the wall clock.
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


def main():
    # endpoint_url from the environment: boto3 before 1.28 does not read AWS_ENDPOINT_URL itself.
    ec2 = boto3.client("ec2", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))
    cutoff = now() - timedelta(days=30)
    for image in ec2.describe_images(Owners=["self"])["Images"]:
        created = datetime.fromisoformat(image["CreationDate"].replace("Z", "+00:00"))
        if created >= cutoff:
            continue
        print(f"deregistering {image['ImageId']} ({image.get('Name')}), created {image['CreationDate']}")
        try:
            ec2.deregister_image(ImageId=image["ImageId"])
        except ClientError as e:  # a protected image, say: carry on with the rest
            print(f"  could not: {e.response['Error']['Code']}")


if __name__ == "__main__":
    main()
