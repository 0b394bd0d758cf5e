"""AWS Marketplace rules with boto3 against `amisim serve` (issue 5): launch refused without a
subscription, subscribe through the control plane, launch, CreateImage keeps the product code,
the copy into another account is refused, a same-account copy is allowed but cannot launch in a
Region where the product is not offered.

usage: test_marketplace.py AMISIM_BINARY
"""
import json
import os
import sys

from amisim_server import AmisimServer
from test_boto3 import FAST, ec2_client, error_code

HERE = os.path.dirname(os.path.abspath(__file__))
OTHER = "210987654321"


def product():
    with open(os.path.join(HERE, "..", "..", "fixtures", "marketplace.json")) as f:
        products = json.load(f)["products"]
    # One offered in us-east-1 but not in ap-southeast-2.
    return next(p for p in products
                if "us-east-1" in p["regions"] and "ap-southeast-2" not in p["regions"])


def main(binary):
    p = product()
    code, ami = p["product_code"], p["regions"]["us-east-1"]["image_id"]
    with AmisimServer(binary) as server:
        ec2 = ec2_client(server.endpoint)
        listed = ec2.describe_images(Owners=["aws-marketplace"],
                                     Filters=[{"Name": "product-code", "Values": [code]}])["Images"]
        assert [i["ImageId"] for i in listed] == [ami], listed
        assert listed[0]["ProductCodes"] == [{"ProductCodeId": code,
                                              "ProductCodeType": "marketplace"}]

        launch = dict(ImageId=ami, InstanceType=p["instance_types"][0], MinCount=1, MaxCount=1)
        assert error_code(ec2.run_instances, **launch) == ("OptInRequired", 401)
        server.control("POST", "/_amisim/marketplace/subscriptions",
                       {"account": "123456789012", "productCode": code})
        instance_id = ec2.run_instances(**launch)["Instances"][0]["InstanceId"]
        with open(os.path.join(HERE, "..", "..", "fixtures", "instance-types.json")) as f:
            types = [t["name"] for t in json.load(f)["instance_types"]]
        unsupported = next(t for t in types if t not in p["instance_types"] and
                           t.startswith(("t3.", "m5.", "c5.", "r5.")))
        assert error_code(ec2.run_instances, **{**launch, "InstanceType": unsupported})[0] == \
            "UnsupportedOperation"

        ec2.stop_instances(InstanceIds=[instance_id])
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[instance_id], WaiterConfig=FAST)
        mine = ec2.create_image(InstanceId=instance_id, Name="my-web")["ImageId"]
        ec2.get_waiter("image_available").wait(ImageIds=[mine], WaiterConfig=FAST)
        image = ec2.describe_images(ImageIds=[mine])["Images"][0]
        assert image["OwnerId"] == "123456789012"
        assert image["ProductCodes"][0]["ProductCodeId"] == code
        # error_code fails the test if the call succeeds: such an AMI cannot be made public.
        error_code(ec2.modify_image_attribute, ImageId=mine,
                   LaunchPermission={"Add": [{"Group": "all"}]})

        # Another account: the public product AMI cannot be copied; nor can my derived one,
        # once shared.
        other = ec2_client(server.endpoint, access_key=OTHER)
        code_and_message = None
        try:
            other.copy_image(SourceRegion="us-east-1", SourceImageId=ami, Name="stolen")
        except Exception as e:  # botocore ClientError
            code_and_message = (e.response["Error"]["Code"], e.response["Error"]["Message"])
        assert code_and_message == ("InvalidRequest", "Images from AWS Marketplace cannot be "
                                    "copied to another AWS account."), code_and_message
        ec2.modify_image_attribute(ImageId=mine, LaunchPermission={"Add": [{"UserId": OTHER}]})
        assert error_code(other.copy_image, SourceRegion="us-east-1", SourceImageId=mine,
                          Name="stolen")[0] == "InvalidRequest"
        # The grantee still needs its own subscription to launch the shared image.
        assert error_code(other.run_instances, **{**launch, "ImageId": mine})[0] == \
            "OptInRequired"

        # Same account, a Region where the product is not offered: the copy works, the launch
        # does not.
        sydney = ec2_client(server.endpoint, "ap-southeast-2")
        copy = sydney.copy_image(SourceRegion="us-east-1", SourceImageId=mine,
                                 Name="my-web")["ImageId"]
        sydney.get_waiter("image_available").wait(ImageIds=[copy], WaiterConfig=FAST)
        assert error_code(sydney.run_instances, **{**launch, "ImageId": copy})[0] == \
            "UnsupportedOperation"
    print("Marketplace end-to-end: ok")


if __name__ == "__main__":
    main(sys.argv[1])
