// The AWS SDK for JavaScript v3's Recycle Bin client (@aws-sdk/client-rbin, pinned in
// package-lock.json) with its EC2 client against `amisim serve` (tests/e2e/test_recycle_bin.py):
// one round trip - a retention rule, a snapshot deleted into the bin, listed, restored under the
// same ID, the rule deleted.
//
// usage: node recycle_bin.mjs ENDPOINT
import assert from 'node:assert/strict';
import {
  CreateRuleCommand, DeleteRuleCommand, GetRuleCommand, RbinClient, ResourceNotFoundException,
} from '@aws-sdk/client-rbin';
import {
  CreateSnapshotCommand, CreateVolumeCommand, DeleteSnapshotCommand, DescribeSnapshotsCommand,
  EC2Client, ListSnapshotsInRecycleBinCommand, RestoreSnapshotFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';

const [endpoint] = process.argv.slice(2);
const config = {
  endpoint,
  region: 'eu-west-1',
  maxAttempts: 1,
  credentials: {accessKeyId: 'AKIDAMISIMTEST', secretAccessKey: 'amisim-secret'},
};
const rbin = new RbinClient(config);
const ec2 = new EC2Client(config);

const rule = await rbin.send(new CreateRuleCommand({
  ResourceType: 'EBS_SNAPSHOT',
  Description: 'js round trip',
  RetentionPeriod: {RetentionPeriodValue: 2, RetentionPeriodUnit: 'DAYS'}
}));
assert.match(rule.Identifier, /^[0-9a-zA-Z]{11}$/);
assert.equal(rule.RuleArn, `arn:aws:rbin:eu-west-1:123456789012:rule/${rule.Identifier}`);
// The instant clock settles the first rule's activation before the next call.
const got = await rbin.send(new GetRuleCommand({Identifier: rule.Identifier}));
assert.equal(got.Status, 'available');

const volume = await ec2.send(new CreateVolumeCommand({AvailabilityZone: 'eu-west-1a', Size: 2}));
const snap = await ec2.send(new CreateSnapshotCommand({VolumeId: volume.VolumeId}));
await ec2.send(new DescribeSnapshotsCommand({SnapshotIds: [snap.SnapshotId]}));
await ec2.send(new DeleteSnapshotCommand({SnapshotId: snap.SnapshotId}));
const inBin = await ec2.send(new ListSnapshotsInRecycleBinCommand({}));
assert.deepEqual(inBin.Snapshots.map((s) => s.SnapshotId), [snap.SnapshotId]);
const days =
    (inBin.Snapshots[0].RecycleBinExitTime - inBin.Snapshots[0].RecycleBinEnterTime) / 86400000;
assert.equal(days, 2);
const back =
    await ec2.send(new RestoreSnapshotFromRecycleBinCommand({SnapshotId: snap.SnapshotId}));
assert.equal(back.SnapshotId, snap.SnapshotId);
const described = await ec2.send(new DescribeSnapshotsCommand({SnapshotIds: [snap.SnapshotId]}));
assert.equal(described.Snapshots[0].State, 'completed');

await rbin.send(new DeleteRuleCommand({Identifier: rule.Identifier}));
await assert.rejects(
    rbin.send(new GetRuleCommand({Identifier: rule.Identifier})),
    (e) => e instanceof ResourceNotFoundException && e.$metadata.httpStatusCode === 404);
console.log('JS SDK v3 Recycle Bin: ok');
