// Where a scenario's steps go: a fresh in-process world behind the gateway's in-process doors
// (the default), or a running `amisim serve` over HTTP (`amisim run --endpoint URL`), reset to
// the scenario's seed and clock first. The runner (runner.hpp) sees only this interface, so a
// scenario means the same through either door; over HTTP every EC2 call is the Query protocol,
// every S3 call S3's REST API, and the clock, subscriptions and bill come from /_amisim/.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/client/remote.hpp"
#include "api/gateway/gateway.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/billing/billing.hpp"
#include "sim/core/fixtures.hpp"
#include "sim/state/world.hpp"

namespace amisim::scenario {

enum class Service { kEc2, kS3, kSsm, kAccount, kRbin, kDlm };

// A step's "service" ("ec2", "s3", "ssm", "account", "rbin", "dlm"; the loader checked it):
// anything else is EC2.
Service service_named(std::string_view name);

class Door {
 public:
  virtual ~Door() = default;

  virtual std::uint64_t seed() const = 0;
  virtual sim::TimeMs now() = 0;
  virtual protocol::WireResult<nlohmann::json> call(Service service, const sim::Caller& caller,
                                                    std::string_view action,
                                                    const nlohmann::json& params) = 0;
  virtual protocol::WireResult<bool> advance(sim::DurationMs by) = 0;
  virtual protocol::WireResult<bool> subscription(const sim::AccountId& account,
                                                  const std::string& product_code,
                                                  bool subscribe) = 0;
  // The bill over the request's window; lines carry account, Region, usage type, resource and
  // cost (quantities are not needed by the runner).
  virtual protocol::WireResult<sim::Bill> bill(const sim::BillRequest& request) = 0;
  // The world's state digest (sim::World::digest; over HTTP, GET /_amisim/state's "digest"):
  // equal digests, equal worlds. "" when it cannot be read.
  virtual std::string state_digest() = 0;
  // For narration: every instance, image, volume and snapshot of the world, "<id>" -> "<state>
  // (<Region>)" (a snapshot's tier when archived). nullopt when the door cannot see the whole
  // world (over HTTP), and narration then shows no changes.
  virtual std::optional<std::map<std::string, std::string>> inventory() { return std::nullopt; }
  // The live picture of the world so far (GET /_amisim/timeline's JSON, api/picture/timeline.hpp)
  // for a run report; nullopt when it cannot be read.
  virtual std::optional<nlohmann::json> picture() { return std::nullopt; }
  // For `workflow` steps (workflow.hpp): the in-process world's gateway, which the caller serves
  // over HTTP for the step's command, and its world, which the built-in invariants judge (read only
  // while nothing else calls in). Null over HTTP: the command then talks to the server itself, and
  // the built-in invariants cannot be judged.
  virtual gateway::Gateway* gateway() { return nullptr; }
  virtual const sim::World* world() { return nullptr; }
};

// The lines narration shows for what a step changed, from two inventories: "+ i-1 pending
// (us-east-1)", "i-1 pending -> running", "- snap-2 (was completed)". At most `limit` lines, the
// last saying how many more there were.
std::vector<std::string> inventory_changes(const std::map<std::string, std::string>& before,
                                           const std::map<std::string, std::string>& after,
                                           std::size_t limit = 6);

// A fresh world with `seed`, in process; `instant` is the clock mode (else manual).
std::unique_ptr<Door> in_process_door(std::shared_ptr<const sim::Fixtures> fixtures,
                                      std::uint64_t seed, bool instant);
// The same door onto a gateway the caller keeps, which must outlive the door: a world that is
// already there (the C++ library's amisim::World, lib/), whose seed and clock mode stay its own.
std::unique_ptr<Door> in_process_door(gateway::Gateway& gateway);

// The server at `remote`, reset to `seed` with the clock mode set; an error (the server could
// not be reached or refused) instead of a door.
sim::Result<std::unique_ptr<Door>, protocol::WireError> remote_door(const client::Remote& remote,
                                                                    std::uint64_t seed,
                                                                    bool instant);

}  // namespace amisim::scenario
