"""AMIs and S3 with `aws s3` and boto3 against `amisim serve` (issue 5): store an AMI in a bucket,
see the object with `aws s3 ls`, restore it as a new AMI and launch it; nothing launches from S3;
import a VM from an uploaded disk image; import a snapshot; export an AMI back to the bucket.

usage: test_s3_images.py AMISIM_BINARY
"""
import os
import subprocess
import sys
import tempfile

import boto3
from botocore.config import Config

from amisim_server import AmisimServer, client_env
from test_boto3 import AL2023, FAST, ec2_client, error_code

BUCKET = "golden-amis"


def s3_client(endpoint, region="us-east-1"):
    env = client_env(region)
    session = boto3.session.Session(aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                                    aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                                    region_name=region)
    return session.client("s3", endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))


def aws_s3(endpoint, *args):
    cmd = ["aws", "--endpoint-url", endpoint, "s3", *args]
    done = subprocess.run(cmd, env=client_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"aws s3 {' '.join(args)} failed: {done.stderr}"
    return done.stdout


def baked_image(ec2):
    instance = ec2.run_instances(ImageId=AL2023, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)["Instances"][0]["InstanceId"]
    ec2.get_waiter("instance_running").wait(InstanceIds=[instance], WaiterConfig=FAST)
    ami = ec2.create_image(InstanceId=instance, Name="golden-web", NoReboot=True)["ImageId"]
    ec2.get_waiter("image_available").wait(ImageIds=[ami], WaiterConfig=FAST)
    return ami


def store_and_restore(endpoint, ec2, s3):
    aws_s3(endpoint, "mb", f"s3://{BUCKET}")
    ami = baked_image(ec2)
    key = ec2.create_store_image_task(ImageId=ami, Bucket=BUCKET)["ObjectKey"]
    assert key == f"{ami}.bin", key
    ec2.get_waiter("store_image_task_complete").wait(ImageIds=[ami], WaiterConfig=FAST)
    task = ec2.describe_store_image_tasks(ImageIds=[ami])["StoreImageTaskResults"][0]
    assert task["StoreTaskState"] == "Completed" and task["ProgressPercentage"] == 100, task

    listing = aws_s3(endpoint, "ls", f"s3://{BUCKET}/")
    assert key in listing, listing
    head = s3.head_object(Bucket=BUCKET, Key=key)
    assert head["Metadata"]["ami-name"] == "golden-web", head["Metadata"]
    assert head["ContentLength"] > 0

    # The object is not an image: neither the key nor an s3:// URL launches.
    for image_id in (key, f"s3://{BUCKET}/{key}"):
        assert error_code(ec2.run_instances, ImageId=image_id, InstanceType="t3.micro",
                          MinCount=1, MaxCount=1)[0] == "InvalidAMIID.Malformed"

    # Deregister the original: only a restore brings it back, under a new ID.
    ec2.deregister_image(ImageId=ami)
    restored = ec2.create_restore_image_task(Bucket=BUCKET, ObjectKey=key,
                                             Name="golden-web-restored")["ImageId"]
    assert restored != ami
    ec2.get_waiter("image_available").wait(ImageIds=[restored], WaiterConfig=FAST)
    instance = ec2.run_instances(ImageId=restored, InstanceType="t3.micro", MinCount=1,
                                 MaxCount=1)["Instances"][0]["InstanceId"]
    ec2.get_waiter("instance_running").wait(InstanceIds=[instance], WaiterConfig=FAST)
    return restored


def import_from_upload(endpoint, ec2):
    with tempfile.TemporaryDirectory() as tmp:
        disk = os.path.join(tmp, "web.vmdk")
        with open(disk, "wb") as f:  # a stream-optimized VMDK starts with "KDMV"
            f.write(b"KDMV" + b"\x00" * 65532)
        aws_s3(endpoint, "cp", disk, f"s3://{BUCKET}/uploads/web.vmdk")
    assert "web.vmdk" in aws_s3(endpoint, "ls", f"s3://{BUCKET}/uploads/")

    task = ec2.import_image(Description="lab VM", DiskContainers=[{
        "Format": "vmdk", "UserBucket": {"S3Bucket": BUCKET, "S3Key": "uploads/web.vmdk"}}])
    assert task["ImportTaskId"].startswith("import-ami-") and task["Status"] == "active", task
    done = ec2.describe_import_image_tasks(
        ImportTaskIds=[task["ImportTaskId"]])["ImportImageTasks"][0]
    assert done["Status"] == "completed", done  # instant clock: finished by the next call
    image = ec2.describe_images(ImageIds=[done["ImageId"]])["Images"][0]
    assert image["State"] == "available" and image["Description"] == "lab VM", image
    ec2.run_instances(ImageId=done["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1)

    snap_task = ec2.import_snapshot(DiskContainer={
        "Format": "VMDK", "Url": f"s3://{BUCKET}/uploads/web.vmdk"})["ImportTaskId"]
    ec2.get_waiter("snapshot_imported").wait(ImportTaskIds=[snap_task], WaiterConfig=FAST)
    detail = ec2.describe_import_snapshot_tasks(
        ImportTaskIds=[snap_task])["ImportSnapshotTasks"][0]["SnapshotTaskDetail"]
    snapshot = ec2.describe_snapshots(SnapshotIds=[detail["SnapshotId"]])["Snapshots"][0]
    assert snapshot["State"] == "completed", snapshot


def export_to_bucket(endpoint, ec2, ami):
    task = ec2.export_image(ImageId=ami, DiskImageFormat="VMDK",
                            S3ExportLocation={"S3Bucket": BUCKET, "S3Prefix": "exports/"})
    task_id = task["ExportImageTaskId"]
    done = ec2.describe_export_image_tasks(ExportImageTaskIds=[task_id])["ExportImageTasks"][0]
    assert done["Status"] == "completed", done
    assert f"{task_id}.vmdk" in aws_s3(endpoint, "ls", f"s3://{BUCKET}/exports/")


def main(binary):
    with AmisimServer(binary) as server:
        ec2 = ec2_client(server.endpoint)
        s3 = s3_client(server.endpoint)
        restored = store_and_restore(server.endpoint, ec2, s3)
        import_from_upload(server.endpoint, ec2)
        export_to_bucket(server.endpoint, ec2, restored)
        assert error_code(s3.get_object, Bucket=BUCKET, Key="missing")[0] == "NoSuchKey"
    print("s3 images e2e: ok")


if __name__ == "__main__":
    main(sys.argv[1])
