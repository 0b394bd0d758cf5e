// What a terminated instance leaves in memory, and when it goes (issue 19): the instance an hour
// after termination, its reservation with its last instance, its ClientToken 24 hours after
// termination; nothing else but its bill's history.
#include <map>
#include <string>

#include "sim/billing/billing.hpp"
#include "tests/sim/instances/instance_test_helpers.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

// The size of every container the world holds, by name (the meter's folded history apart).
std::map<std::string, std::size_t> footprint(const World& w) {
  std::map<std::string, std::size_t> n;
  for (const auto& [name, r] : w.regions()) {
    const std::string at = name.str() + " ";
    n[at + "images"] = r.images.size();
    n[at + "image_names"] = r.image_names.entries(r.images).size();
    n[at + "instances"] = r.instances.size();
    n[at + "instance_tags"] = r.instance_tags.size();
    n[at + "reservations"] = r.reservations.size();
    n[at + "client_tokens"] = r.client_tokens.size();
    n[at + "volumes"] = r.volumes.size();
    n[at + "snapshots"] = r.snapshots.size();
    n[at + "key_pairs"] = r.key_pairs.size();
    n[at + "security_groups"] = r.security_groups.size();
    n[at + "accounts"] = r.accounts.size();
    n[at + "vpcs"] = r.vpcs.size();
    n[at + "subnets"] = r.subnets.size();
    n[at + "internet_gateways"] = r.internet_gateways.size();
    n[at + "route_tables"] = r.route_tables.size();
    n[at + "network_acls"] = r.network_acls.size();
    n[at + "network_interfaces"] = r.network_interfaces.size();
    n[at + "addresses"] = r.addresses.size();
    n[at + "launch_templates"] = r.launch_templates.size();
    n[at + "launch_template_names"] = r.launch_template_names.size();
    n[at + "copy_tokens"] = r.copies.image_tokens.size();
    n[at + "reencrypted"] = r.copies.reencrypted_versions.size();
    n[at + "store_tasks"] = r.tasks.store.size();
    n[at + "import_tasks"] = r.tasks.imports.size();
    n[at + "export_tasks"] = r.tasks.exports.size();
    n[at + "tier_records"] = r.tier_records.size();
    n[at + "bin_rules"] = r.bin.rules.size();
    n[at + "bin_images"] = r.bin.images.size();
    n[at + "bin_snapshots"] = r.bin.snapshots.size();
    n[at + "bin_volumes"] = r.bin.volumes.size();
    n[at + "lifecycle_policies"] = r.lifecycle_policies.size();
    for (const auto& [account, ar] : r.accounts)
      n[at + "pool bytes " + account.str()] = ar.pool.stored_bytes();
  }
  n["accounts"] = w.accounts().size();
  n["buckets"] = w.buckets().size();
  n["subscriptions"] = w.marketplace_subscriptions().size();
  n["region_opt"] = w.region_opt().size();
  n["events"] = w.clock().pending().size();
  n["meter live lines"] = w.meter().live_lines();
  return n;
}

RunInstancesRequest tagged_request(test::Harness& h, const std::string& token) {
  RunInstancesRequest r = test::al2023_request(h);
  r.client_token = token;
  r.tag_specifications.push_back(TagSpecification{"instance", {Tag{"Name", "gone"}}});
  return r;
}

// Launches, runs, terminates; returns the instance and the time it terminated.
std::pair<InstanceId, TimeMs> launch_and_terminate(test::Harness& h, const RunInstancesRequest& r) {
  const InstanceId id = test::launch(h, r);
  h.advance(5 * kMinuteMs);
  expect_ok(terminate_instances(h.world, h.caller, test::ids({id})));
  h.advance(kShutdownDurationMs);
  REQUIRE(test::state_of(h, id) == InstanceState::kTerminated);
  return {id, h.world.now()};
}

}  // namespace

TEST_CASE("A terminated instance is described until an hour after termination, then forgotten") {
  test::Harness h;
  const auto [id, terminated] = launch_and_terminate(h, test::al2023_request(h));
  const RegionState& region = h.world.region_of(h.caller);
  const ReservationId reservation = region.instances.at(id).reservation_id;
  h.advance(kTerminatedVisibleMs - 1);
  DescribeInstancesRequest r;
  r.instance_ids = test::ids({id});
  CHECK(expect_ok(describe_instances(h.world, h.caller, r)).reservations.size() == 1);
  CHECK(region.reservations.count(reservation) == 1);
  h.advance(1);
  CHECK(h.world.now() == terminated + kTerminatedVisibleMs);
  expect_error(describe_instances(h.world, h.caller, r), "InvalidInstanceID.NotFound");
  CHECK(region.instances.count(id) == 0);
  CHECK(region.reservations.count(reservation) == 0);  // it had no other instance
}

TEST_CASE("A reservation stays while any of its instances is in memory") {
  test::Harness h;
  RunInstancesRequest r = test::al2023_request(h);
  r.max_count = 2;
  const auto launched = expect_ok(run_instances(h.world, h.caller, r));
  const InstanceId first = launched.instances.at(0)->id;
  const InstanceId second = launched.instances.at(1)->id;
  const ReservationId reservation = launched.reservation_id;
  h.advance(5 * kMinuteMs);
  expect_ok(terminate_instances(h.world, h.caller, test::ids({first})));
  h.advance(kShutdownDurationMs + kTerminatedVisibleMs);
  const RegionState& region = h.world.region_of(h.caller);
  CHECK(region.instances.count(first) == 0);
  CHECK(region.reservations.count(reservation) == 1);
  expect_ok(terminate_instances(h.world, h.caller, test::ids({second})));
  h.advance(kShutdownDurationMs + kTerminatedVisibleMs);
  CHECK(region.reservations.count(reservation) == 0);
}

TEST_CASE(
    "A ClientToken answers IdempotentInstanceTerminated until 24 hours after termination, then "
    "launches anew") {
  test::Harness h;
  const RunInstancesRequest r = tagged_request(h, "token-19");
  const auto [id, terminated] = launch_and_terminate(h, r);
  const RegionState& region = h.world.region_of(h.caller);
  h.advance(kTerminatedVisibleMs);  // the instance and its reservation are purged
  REQUIRE(region.instances.count(id) == 0);
  CHECK(region.reservations.empty());
  expect_error(run_instances(h.world, h.caller, r), "IdempotentInstanceTerminated");
  h.advance(terminated + kClientTokenValidMs - 1 - h.world.now());
  expect_error(run_instances(h.world, h.caller, r), "IdempotentInstanceTerminated");
  CHECK(region.client_tokens.size() == 1);
  h.advance(1);
  CHECK(region.client_tokens.empty());
  const auto again = expect_ok(run_instances(h.world, h.caller, r));
  CHECK(again.instances.at(0)->id != id);
}

TEST_CASE("A terminated and purged instance leaves nothing in memory but its bill") {
  test::Harness h;
  // Warm-up: the first launch makes the default network, its security group and the like.
  launch_and_terminate(h, tagged_request(h, "warm-up"));
  h.advance(kClientTokenValidMs);
  const auto before = footprint(h.world);
  const std::size_t folded_before = h.world.meter().folded_segments();

  const auto [id, terminated] = launch_and_terminate(h, tagged_request(h, "soak-like"));
  h.advance(terminated + kClientTokenValidMs - h.world.now());
  CHECK(footprint(h.world) == before);
  // What stays is its bill: a few folded segments (compute, root volume, public IPv4), 48 bytes
  // each, the bound being 600 bytes an instance.
  const std::size_t folded = h.world.meter().folded_segments() - folded_before;
  CHECK(folded >= 2);
  CHECK(folded * sizeof(FoldedSegment) <= 600);
  BillRequest line;
  line.to = h.world.now();
  line.group_by = BillGrouping::kResource;
  bool billed = false;
  for (const BillLine& l : compute_bill(h.world, line).lines)
    billed = billed || (l.resource_id == id.str() && l.cost > 0);
  CHECK(billed);
}
