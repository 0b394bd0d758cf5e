// The journal and the state document (DESIGN.md "State").
//
// Every call that changed the world is journaled with the caller and the model time, with each
// movement of the clock and each account seen for the first time; a refused call (an AWS error)
// changed nothing and is left out (engine.cpp). Entries, in order:
//   {"at", "account", "region", "call": EC2 action, "input"}   (input as given)
//   {"at", "account", "region", "s3": S3 action, "input"}      (the body base64, s3::journal_input)
//   {"at", "account", "region", "account_api": operation, "input"}  (api/account)
//   {"settle": true}  {"advance_to": T}  {"account": ID}
//   {"network": Region, "account": ID}   (the account's default network, on first use there)
//   {"subscribe": product code, "account": ID}  {"unsubscribe": ..., "account": ID}
// Because the model is deterministic, replaying the journal from the seed rebuilds the world
// exactly. The state document {"format", "seed", "clock", "digest", "journal", "accounts"} is that
// journal plus a readable view of every account's resources and the world's digest, which
// Journal::rebuild checks after replaying.
//
// Not thread-safe: the gateway holds its lock around every use.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "api/ec2/handler.hpp"
#include "api/gateway/clock_mode.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::gateway {

class Journal {
 public:
  Journal() = default;

  void call(sim::TimeMs at, const sim::Caller& caller, std::string_view action,
            const ec2::Json& input);
  void s3_call(sim::TimeMs at, const sim::Caller& caller, std::string_view action, ec2::Json input);
  void account_call(sim::TimeMs at, const sim::Caller& caller, std::string_view operation,
                    const ec2::Json& input);
  // A Regional restJson1 service's call: `service` "rbin" or "dlm" is the entry's key.
  void service_call(std::string_view service, sim::TimeMs at, const sim::Caller& caller,
                    std::string_view operation, const ec2::Json& input);
  void settle();
  void advance_to(sim::TimeMs to);
  void account(const sim::AccountId& account);
  void network(const sim::Caller& caller);
  void subscription(bool subscribe, const std::string& code, const sim::AccountId& account);

  const ec2::Json& entries() const { return entries_; }

  // The state document of `world`, which this journal rebuilt from `seed`. Non-const `world`:
  // the accounts' views are built with the describe handlers, so they are in the SDK's shape.
  ec2::Json document(sim::World& world, std::uint64_t seed, const ClockSetting& clock) const;

  struct Rebuilt;
  // Replays `document`'s journal on a fresh world; InvalidStateDocument (400) naming the entry for
  // a bad document, an entry that does not replay, or a digest that does not match.
  static protocol::WireResult<Rebuilt> rebuild(std::shared_ptr<const sim::Fixtures> fixtures,
                                               const ec2::Json& document);

  // Applies one entry to `world`: "" on success, else what is wrong with the entry. A call's own
  // outcome (success or an AWS error) is whatever it was when recorded.
  static std::string replay(sim::World& world, const ec2::Json& entry);

 private:
  explicit Journal(ec2::Json entries) : entries_(std::move(entries)) {}

  ec2::Json entries_ = ec2::Json::array();
};

// What a state document rebuilds: its seed, the world its journal replays to, and the journal.
struct Journal::Rebuilt {
  std::uint64_t seed = 0;
  std::unique_ptr<sim::World> world;
  Journal journal;
};

}  // namespace amisim::gateway
