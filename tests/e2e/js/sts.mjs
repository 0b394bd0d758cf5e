// The AWS SDK for JavaScript v3's STS client against `amisim serve` (tests/e2e/test_edge.py):
// GetCallerIdentity answers the account the access key names (a 12-digit key is that account)
// as its root user; an STS call amisim does not model is InvalidAction.
//
// usage: node sts.mjs ENDPOINT
import assert from "node:assert/strict";
import { STSClient, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";

const [endpoint] = process.argv.slice(2);
const sts = new STSClient({
  endpoint, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "210987654321", secretAccessKey: "amisim-secret" } });

const who = await sts.send(new GetCallerIdentityCommand({}));
assert.equal(who.Account, "210987654321");
assert.equal(who.UserId, "210987654321");
assert.equal(who.Arn, "arn:aws:iam::210987654321:root");
assert.ok(who.$metadata.requestId);
await assert.rejects(
  sts.send(new GetSessionTokenCommand({})),
  (e) => e.name === "InvalidAction" && e.$metadata.httpStatusCode === 400);
console.log("JS SDK v3 STS: ok");
