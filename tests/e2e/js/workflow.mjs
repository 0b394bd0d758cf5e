// The AWS SDK for JavaScript v3 (@aws-sdk/client-ec2, pinned in package-lock.json) against
// `amisim serve`: run an instance, stop it, bake an image, wait for it, read AWS errors.
//
// usage: node workflow.mjs ENDPOINT IMAGE_ID
import assert from "node:assert/strict";
import {
  EC2Client, RunInstancesCommand, DescribeInstancesCommand, StopInstancesCommand,
  CreateImageCommand, DescribeImagesCommand, DeregisterImageCommand,
  waitUntilInstanceStopped, waitUntilImageAvailable, DescribeVpcsCommand, CreateVpcCommand,
  CreateSubnetCommand, DeleteVpcCommand, DescribeNetworkInterfacesCommand,
} from "@aws-sdk/client-ec2";

const [endpoint, imageId] = process.argv.slice(2);
const ec2 = new EC2Client({
  endpoint, region: "eu-west-1", maxAttempts: 1,
  credentials: { accessKeyId: "AKIDAMISIMTEST", secretAccessKey: "amisim-secret" },
});
const waitConfig = { client: ec2, minDelay: 1, maxDelay: 2, maxWaitTime: 60 };

const run = await ec2.send(new RunInstancesCommand({
  ImageId: imageId, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }));
const instanceId = run.Instances[0].InstanceId;
assert.match(instanceId, /^i-0[0-9a-f]{16}$/);
assert.equal(run.Instances[0].State.Name, "pending");
assert.equal(run.Instances[0].Placement.AvailabilityZone.slice(0, 9), "eu-west-1");
// The JS SDK reads the request ID from the x-amzn-RequestId header.
assert.ok(run.$metadata.requestId, "no request ID in $metadata");

const stopped = await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
assert.equal(stopped.StoppingInstances[0].PreviousState.Name, "running");
await waitUntilInstanceStopped(waitConfig, { InstanceIds: [instanceId] });
const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
assert.equal(described.Reservations[0].Instances[0].State.Code, 80);

const { ImageId: newImage } = await ec2.send(new CreateImageCommand({
  InstanceId: instanceId, Name: "golden-js" }));
await waitUntilImageAvailable(waitConfig, { ImageIds: [newImage] });
const images = await ec2.send(new DescribeImagesCommand({ ImageIds: [newImage] }));
assert.equal(images.Images[0].State, "available");
assert.equal(images.Images[0].Name, "golden-js");
assert.ok(images.Images[0].CreationDate.endsWith("Z"));

await assert.rejects(
  ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: "golden-js" })),
  (e) => e.name === "InvalidAMIName.Duplicate" && e.$metadata.httpStatusCode === 400);
await assert.rejects(
  ec2.send(new DescribeImagesCommand({ ImageIds: ["ami-00000000000000000"] })),
  (e) => e.name === "InvalidAMIID.NotFound" && /does not exist/.test(e.message));

await ec2.send(new DeregisterImageCommand({ ImageId: newImage }));

// The network: the default VPC, the instance's subnet, address and interface, and a VPC with a
// subnet that cannot be deleted.
const vpcs = await ec2.send(new DescribeVpcsCommand({
  Filters: [{ Name: "is-default", Values: ["true"] }] }));
assert.equal(vpcs.Vpcs[0].CidrBlock, "172.31.0.0/16");
const inst = described.Reservations[0].Instances[0];
assert.equal(inst.VpcId, vpcs.Vpcs[0].VpcId);
assert.match(inst.SubnetId, /^subnet-0/);
assert.match(inst.PrivateIpAddress, /^172\.31\./);
const enis = await ec2.send(new DescribeNetworkInterfacesCommand({
  NetworkInterfaceIds: [inst.NetworkInterfaces[0].NetworkInterfaceId] }));
assert.equal(enis.NetworkInterfaces[0].Attachment.InstanceId, instanceId);
const { Vpc: vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }));
await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: "10.0.1.0/24" }));
await assert.rejects(ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })),
  (e) => e.name === "DependencyViolation");
console.log("JS SDK v3 end-to-end: ok");
