// The AWS SDK for JavaScript v3 against `amisim serve --auth sigv4` (tests/e2e/test_sigv4.py):
// a correct secret passes as the credentials file's account, a wrong one is SignatureDoesNotMatch
// and an unknown key AuthFailure, as the SDK surfaces them.
//
// usage: node sigv4.mjs ENDPOINT
import assert from "node:assert/strict";
import {
  EC2Client, DescribeRegionsCommand, DescribeSecurityGroupsCommand,
} from "@aws-sdk/client-ec2";

const [endpoint] = process.argv.slice(2);
const ec2 = (accessKeyId, secretAccessKey) => new EC2Client({
  endpoint, region: "us-east-1", maxAttempts: 1, credentials: { accessKeyId, secretAccessKey } });

const groups = await ec2("AKIDAMISIMTEST", "amisim-secret").send(
  new DescribeSecurityGroupsCommand({}));
assert.equal(groups.SecurityGroups[0].OwnerId, "111111111111");
await assert.rejects(
  ec2("AKIDAMISIMTEST", "wrong").send(new DescribeRegionsCommand({})),
  (e) => e.name === "SignatureDoesNotMatch" && e.$metadata.httpStatusCode === 403);
await assert.rejects(
  ec2("AKIDNOBODY", "amisim-secret").send(new DescribeRegionsCommand({})),
  (e) => e.name === "AuthFailure" && e.$metadata.httpStatusCode === 401);
console.log("JS SDK v3 with --auth sigv4: ok");
