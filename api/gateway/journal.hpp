// The journal and the state document (README "Control endpoints", GET and POST /_amisim/state).
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
// Because the model is deterministic, replaying the journal rebuilds the world exactly. It starts
// from the seed, or from the last snapshot of the world (api/io/world_snapshot.hpp): once the
// journal holds kJournalEntriesBeforeSnapshot entries, the engine snapshots the world and the
// journal starts again (restart_from): however long a server runs, the journal stays bounded.
// The snapshot is as large as the world, which still includes the bill's folded history (so a
// long run's document grows with it: bench/RESULTS.md, "Soak").
//
// The state document {"format": "amisim-state/4", "seed", "clock", "digest", "snapshot",
// "journal", "accounts"} is the snapshot (absent while the world is still at its seed), the
// journal since, a readable view of every account's resources, and the world's digest, which
// Journal::rebuild checks after restoring the snapshot and replaying the journal. It also loads
// "amisim-state/3" documents (the journal from the seed, no snapshot); /1 and /2 are refused.
//
// Not thread-safe: the gateway holds its lock around every use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "api/ec2/handler.hpp"
#include "api/gateway/clock_mode.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::gateway {

// [?] amisim's choice: how many entries the journal holds before the engine takes a snapshot of
// the world and starts it again. Loading a document replays at most this many calls after the
// snapshot; a snapshot costs a pass over the world and the catalogue, so it is not taken often.
inline constexpr std::size_t kJournalEntriesBeforeSnapshot = 10'000;
// Unless a limit is set exactly (`serve --snapshot-every`), a snapshot also waits until the journal
// holds one entry per this many bytes of the last snapshot's text: a snapshot costs as much as the
// world is large, so in a large world a fixed count would make every call pay for the whole world
// again and again (a RunInstances run of 20,000 launches snapshotted its growing world every
// 5,000 calls, stalling replies up to a second: bench/RESULTS.md). With this bound each call pays
// for at most this many bytes of snapshot, and the journal still grows with the live world, not
// with history.
inline constexpr std::size_t kSnapshotBytesPerJournalEntry = 256;

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
  std::size_t size() const { return entries_.size(); }
  // The length of the last snapshot's text (0 before the first).
  std::size_t snapshot_bytes() const { return snapshot_.size(); }

  // Starts again from `snapshot`, a snapshot of the world as it is now: the entries so far are
  // dropped (the snapshot holds what they did).
  void restart_from(const ec2::Json& snapshot);

  // The state document of `world`, which this journal rebuilt from `seed`. Non-const `world`:
  // the accounts' views are built with the describe handlers, so they are in the SDK's shape.
  ec2::Json document(sim::World& world, std::uint64_t seed, const ClockSetting& clock) const;

  struct Rebuilt;
  // Restores `document`'s snapshot on a fresh world (built from `fixtures` and the document's seed)
  // and replays its journal; InvalidStateDocument (400) naming the entry for a bad document, a
  // snapshot that does not load, an entry that does not replay, or a digest that does not match.
  static protocol::WireResult<Rebuilt> rebuild(std::shared_ptr<const sim::Fixtures> fixtures,
                                               const ec2::Json& document);

  // Applies one entry to `world`: "" on success, else what is wrong with the entry. A call's own
  // outcome (success or an AWS error) is whatever it was when recorded.
  static std::string replay(sim::World& world, const ec2::Json& entry);

 private:
  Journal(const ec2::Json& snapshot, ec2::Json entries)
      : snapshot_(snapshot.is_null() ? std::string() : snapshot.dump()),
        entries_(std::move(entries)) {}

  // The snapshot the entries start from (api/io/world_snapshot.hpp), as text; "" until the first
  // (the seed's world). Held as text, not as a tree: nlohmann's nodes took several times the text's
  // size, most of a long-running server's heap (bench/RESULTS.md, "Soak"), and only the state
  // document reads it.
  std::string snapshot_;
  ec2::Json entries_ = ec2::Json::array();
};

// What a state document rebuilds: its seed, the world its snapshot and journal give, and the
// journal (with its snapshot).
struct Journal::Rebuilt {
  std::uint64_t seed = 0;
  std::unique_ptr<sim::World> world;
  Journal journal;
};

}  // namespace amisim::gateway
