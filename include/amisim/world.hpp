// amisim as a C++ library: one deterministic, offline model of Amazon EC2's image lifecycle (and
// the S3, SSM, Account, Recycle Bin and Data Lifecycle Manager calls around it) in your process.
//
// A World is one simulated AWS: accounts, Regions and the public image catalogue, a virtual clock
// that starts at 2026-01-01T00:00:00Z, and nothing else until you call it. Calls take and give
// JSON text in the shape of the AWS SDKs (boto3's `ec2.describe_images(**params)` and its
// response dict, the CLI's --cli-input-json), and fail with AWS's error codes and messages
// ("InvalidAMIID.NotFound", ...). The same handlers answer `amisim serve` over HTTP and
// `amisim run` scenarios, so a call means the same here as there (README "Talking to it" lists
// the actions).
//
// Determinism: the same seed and the same calls give the same IDs, times, responses and digest,
// byte for byte, on every machine. Nothing reads the wall clock or a random device.
//
// Not thread-safe: use one World from one thread at a time (separate Worlds are independent and
// may live on separate threads).
//
// This header needs only the standard library (C++20). amisim/world_plan.hpp describes random
// worlds built by World::build; amisim/rapidcheck.hpp generates them with RapidCheck.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "amisim/version.hpp"
#include "amisim/world_plan.hpp"

namespace amisim {

// Model time: milliseconds since the Unix epoch, in UTC, on the World's own clock.
using Time = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-01-01T00:00:00.000Z", the form EC2 writes CreationDate, LaunchTime and the like in.
std::string format_time(Time t);
// The time an ISO-8601 date-time names ("2026-01-01T00:00:00Z", with or without a fraction, "Z" or
// an offset such as "+02:00"), e.g. an image's CreationDate; nullopt when `text` is not one.
std::optional<Time> parse_time(std::string_view text);

enum class ClockMode {
  // After every call that changes something, time moves to the end of all work it scheduled
  // (boots, stops, snapshots, images): every waiter would succeed on its first poll.
  kInstant,
  // Time moves only by World::advance: instances stay `pending`, images `pending`, until then.
  kManual,
};

struct WorldOptions {
  std::uint64_t seed = 0;  // same seed, same calls: same IDs, times and responses
  ClockMode clock = ClockMode::kInstant;
};

// Who makes a call: a 12-digit account ID and a Region name. Any 12-digit ID is an account of
// the World (it comes into being on first use, with its default network in each Region); the
// Regions are AWS's 34 of the `aws` partition, 17 of them enabled for every account (opt-in ones
// answer AuthFailure until the Account API's EnableRegion).
struct Caller {
  std::string account = "123456789012";
  std::string region = "us-east-1";
};

// An error as AWS returns it: its code ("InvalidAMIID.NotFound"), message and HTTP status.
// Codes that begin with "amisim." are the library's own, for a request AWS would never see
// (request text that is not JSON, a service amisim does not have) [?: no AWS equivalent].
struct Error {
  std::string code;
  std::string message;
  int http_status = 400;
};

// What a call answered: the response JSON text, or an error (never both).
struct CallResult {
  std::string json;            // the response (an object; "{}" for calls that answer nothing)
  std::optional<Error> error;  // set when the call failed; `json` is then empty

  bool ok() const { return !error.has_value(); }
};

// One line of a bill: one resource's usage of one kind in one account and Region.
struct BillLine {
  std::string account;
  std::string region;
  std::string usage_type;        // AWS's usage type, e.g. "EBS:SnapshotUsage", "BoxUsage:t3.micro"
  std::string resource_id;       // "snap-...", "i-..." ("" for usage retired to per-day totals)
  std::string unit;              // "GB-Mo", "Hrs", "GB", ...
  std::int64_t usage_micro = 0;  // usage in `unit`, x 1,000,000
  std::int64_t cost_micro_usd = 0;
};

struct Bill {
  std::optional<Time> from;  // none: from the World's start
  Time to;                   // the window's end (at most the World's now)
  std::int64_t total_micro_usd = 0;
  std::vector<BillLine> lines;  // ordered by account, Region, usage type, resource
};

// The window a bill covers: (from, to], both optional; one account or all.
struct BillWindow {
  std::optional<Time> from;  // none: from the World's start
  std::optional<Time> to;    // none: the World's now; a later time ends at now
  std::optional<std::string> account;
};

// What World::build made of a plan: per planned image (in the plan's order) its image ID, and per
// planned template its launch template ID; or the error that stopped it.
struct BuildResult {
  std::vector<std::string> image_ids;
  std::vector<std::string> launch_template_ids;
  std::optional<Error> error;

  bool ok() const { return !error.has_value(); }
};

class World {
 public:
  explicit World(WorldOptions options = {});
  ~World();
  World(World&&) noexcept;
  World& operator=(World&&) noexcept;
  World(const World&) = delete;
  World& operator=(const World&) = delete;
  // A moved-from World may only be assigned to or destroyed.

  // One AWS call. `service` is "ec2", "s3", "ssm", "account", "rbin" or "dlm"; `action` the
  // operation's name ("DescribeImages", "CreateBucket", "GetParameter", ...); `request` its input
  // as a JSON object in the SDK's shape, e.g. {"Owners": ["self"], "Filters": [{"Name": "name",
  // "Values": ["golden-*"]}]}. Answers the output JSON in the SDK's shape ({"Images": [...]}) or
  // AWS's error: InvalidAction for an action the service does not have, UnknownParameter,
  // MissingParameter, InvalidParameterValue for a bad request (EC2's input is checked against its
  // service model, as over HTTP), AuthFailure for an account ID that is not 12 digits or a Region
  // amisim lacks or the account has not enabled, the action's own errors otherwise;
  // amisim.InvalidJson when `request` is not a JSON object, amisim.UnknownService for another
  // service. Never throws (but std::bad_alloc).
  CallResult call(std::string_view service, std::string_view action,
                  std::string_view request = "{}", const Caller& caller = {});

  // Moves model time forward by `by` (in either clock mode), applying every event due on the way
  // in order. Throws std::invalid_argument for a negative duration.
  void advance(std::chrono::milliseconds by);
  Time now() const;
  std::uint64_t seed() const;

  // The bill over `window`, computed from the model's own timeline: exact, in integer
  // micro-dollars, the same whichever way the clock was advanced.
  Bill bill(const BillWindow& window = {}) const;

  // A digest of the whole state (resources, clock, ID allocator): equal digests, equal worlds.
  std::string digest() const;

  // Builds `plan` (world_plan.hpp) in this World through the same calls a user would make, with
  // the clock moved on between images so that, at the end, each image is its planned age (now()
  // is then the start plus the oldest image's age, and the clock mode is what it was). Each
  // image starts from the catalogue's Amazon Linux 2023 (x86_64) image of its Region (or its
  // Marketplace product's, the account subscribed first). Returns
  // the IDs made, or amisim.InvalidPlan with the first rule the plan breaks (world_plan.hpp), or
  // the error of the call that failed (the World then holds what was made before it; e.g.
  // InvalidAMIName.Duplicate when the World already has an image of a planned name). A plan
  // without images makes nothing. Work pending in a manual World finishes on the way.
  BuildResult build(const WorldPlan& plan);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace amisim
