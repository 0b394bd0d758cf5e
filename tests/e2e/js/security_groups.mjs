// The AWS SDK for JavaScript v3 against `amisim serve`: authorize a security group rule, read it
// back in both shapes, and meet the refusals (issue 15 section 1).
//
// usage: node security_groups.mjs ENDPOINT
import assert from "node:assert/strict";
import {
  EC2Client, CreateSecurityGroupCommand, AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand, DescribeSecurityGroupRulesCommand,
  DeleteSecurityGroupCommand, RevokeSecurityGroupIngressCommand,
} from "@aws-sdk/client-ec2";

const [endpoint] = process.argv.slice(2);
const ec2 = new EC2Client({
  endpoint, region: "eu-west-1", maxAttempts: 1,
  credentials: { accessKeyId: "AKIDAMISIMTEST", secretAccessKey: "amisim-secret" },
});

const { GroupId: web } = await ec2.send(new CreateSecurityGroupCommand({
  GroupName: "web-js", Description: "web servers" }));
const { GroupId: lb } = await ec2.send(new CreateSecurityGroupCommand({
  GroupName: "lb-js", Description: "load balancers" }));
const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({
  GroupId: web,
  IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443,
    Ipv6Ranges: [{ CidrIpv6: "2001:DB8::/32" }], UserIdGroupPairs: [{ GroupId: lb }] }],
}));
assert.equal(added.Return, true);
assert.equal(added.SecurityGroupRules.length, 2);
assert.equal(added.SecurityGroupRules[0].CidrIpv6, "2001:db8::/32");

const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web] }));
const [permission] = groups.SecurityGroups[0].IpPermissions;
assert.equal(permission.IpProtocol, "tcp");
assert.equal(permission.FromPort, 443);
assert.deepEqual(permission.Ipv6Ranges, [{ CidrIpv6: "2001:db8::/32" }]);
assert.equal(permission.UserIdGroupPairs[0].GroupId, lb);

const rules = await ec2.send(new DescribeSecurityGroupRulesCommand({
  Filters: [{ Name: "group-id", Values: [web] }] }));
assert.equal(rules.SecurityGroupRules.length, 3);  // two inbound, the default outbound
assert.ok(rules.SecurityGroupRules.every((r) => r.SecurityGroupRuleId.startsWith("sgr-")));

await assert.rejects(ec2.send(new DeleteSecurityGroupCommand({ GroupId: lb })),
  (e) => e.name === "DependencyViolation");
await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web,
  IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443,
    UserIdGroupPairs: [{ GroupId: lb }] }] }));
await ec2.send(new DeleteSecurityGroupCommand({ GroupId: lb }));
console.log("JS SDK security groups: ok");
