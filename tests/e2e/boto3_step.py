"""One boto3 call for tests/e2e/browser/picture.mjs, which drives the live page with the client
users' scripts use; prints the result as JSON.

usage: boto3_step.py ENDPOINT run REGION
       boto3_step.py ENDPOINT stop REGION INSTANCE
       boto3_step.py ENDPOINT create-image REGION INSTANCE
       boto3_step.py ENDPOINT copy-image REGION IMAGE SOURCE_REGION
       boto3_step.py ENDPOINT image-snapshots REGION IMAGE
"""
import json
import sys

from amisim_server import boto3_client, catalogue_image_id


def main(endpoint, step, region, *args):
    ec2 = boto3_client("ec2", endpoint, region)
    if step == "run":
        r = ec2.run_instances(ImageId=catalogue_image_id("al2023-x86_64", region),
                              InstanceType="t3.micro", MinCount=1, MaxCount=1)
        out = {"InstanceId": r["Instances"][0]["InstanceId"]}
    elif step == "stop":
        ec2.stop_instances(InstanceIds=[args[0]])
        out = {}
    elif step == "create-image":
        out = {"ImageId": ec2.create_image(InstanceId=args[0], Name="picture-baked")["ImageId"]}
    elif step == "copy-image":
        out = {"ImageId": ec2.copy_image(SourceImageId=args[0], SourceRegion=args[1],
                                         Name="picture-copy")["ImageId"]}
    elif step == "image-snapshots":
        image = ec2.describe_images(ImageIds=[args[0]])["Images"][0]
        out = [m["Ebs"]["SnapshotId"] for m in image["BlockDeviceMappings"] if "Ebs" in m]
    else:
        sys.exit(f"unknown step {step}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:])
