// The World: one deterministic EC2. It owns the accounts, the Regions and everything in them, the
// virtual Clock with its event queue, and the one seeded ID allocator. Same seed + same calls =
// same IDs, timestamps and state, byte for byte (DESIGN.md, Identity and determinism).
//
// Operations are free functions grouped by AWS noun (sim/images/images.hpp,
// sim/instances/instances.hpp, ...) that take the World; this class holds the state and moves time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sim/core/clock.hpp"
#include "sim/core/fixtures.hpp"
#include "sim/core/id_allocator.hpp"
#include "sim/state/bucket.hpp"
#include "sim/state/meter.hpp"
#include "sim/state/region.hpp"
#include "sim/state/region_opt.hpp"

namespace amisim::sim {

inline const AccountId kDefaultAccount{"123456789012"};
inline const RegionName kDefaultRegion{"us-east-1"};

// Who is calling and where: every operation acts in one Region on behalf of one account.
// Contract for every door into the model (in-process, HTTP, scenarios): the Region must exist and
// World::ensure_account(account) must have been called before any operation runs with this
// caller; operations assert both rather than re-check them on every call.
struct Caller {
  AccountId account = kDefaultAccount;
  RegionName region = kDefaultRegion;
};

struct Account {
  AccountId id;
  std::string alias;  // "amazon" for public image owners, else ""
};

struct WorldOptions {
  std::uint64_t seed = 0;
  TimeMs start = kDefaultWorldStartMs;
};

class World {
 public:
  World(std::shared_ptr<const Fixtures> fixtures, WorldOptions options = {});

  const Fixtures& fixtures() const { return *fixtures_; }
  const std::shared_ptr<const Fixtures>& fixtures_ptr() const { return fixtures_; }
  const WorldOptions& options() const { return options_; }

  // --- time (sim/timeline.hpp moves it) --------------------------------------------------
  TimeMs now() const { return clock_.now(); }
  const Clock& clock() const { return clock_; }
  Clock& clock() { return clock_; }
  // Schedules an event (at >= now); returns its sequence number for the resource to remember.
  std::uint64_t schedule(Event event) { return clock_.schedule(std::move(event)); }

  // --- identity ---------------------------------------------------------------------------
  // A new "<prefix>-0<16 hex>" ID, never one already used by the catalogue.
  std::string new_id(std::string_view prefix);
  std::string new_request_id() { return ids_.next_request_id(); }
  std::uint64_t next_random() { return ids_.next_u64(); }
  // A fresh write version for VolumeData blocks (never reused).
  std::uint64_t next_write_version() { return ++write_version_; }
  std::uint64_t write_version() const { return write_version_; }  // the last one issued
  const IdAllocator& ids() const { return ids_; }

  // --- accounts and Regions ---------------------------------------------------------------
  // Creates the account on first sight, with its (empty) place in every Region; its default
  // network in a Region comes on first use there (sim/network/network.hpp). Idempotent.
  void ensure_account(const AccountId& account);
  bool has_account(const AccountId& account) const { return accounts_.count(account) != 0; }
  const std::map<AccountId, Account>& accounts() const { return accounts_; }

  // --- Region opt-in (sim/regions/opt_in.hpp) ------------------------------------------------
  // The opt-in Regions each account has enabled or disabled; a pair not listed has its default.
  std::map<std::pair<AccountId, RegionName>, RegionOptStatus>& region_opt() { return region_opt_; }
  const std::map<std::pair<AccountId, RegionName>, RegionOptStatus>& region_opt() const {
    return region_opt_;
  }
  // The alias of an owner ("amazon") or "".
  std::string owner_alias(const AccountId& account) const;

  RegionState* region(const RegionName& name);
  const RegionState* region(const RegionName& name) const;
  // The caller's Region; asserts it exists (callers are validated at the edge).
  RegionState& region_of(const Caller& caller);
  const RegionState& region_of(const Caller& caller) const;
  std::map<RegionName, RegionState>& regions() { return regions_; }
  const std::map<RegionName, RegionState>& regions() const { return regions_; }

  // --- AWS Marketplace (sim/images/marketplace.hpp) ----------------------------------------------
  // (account, product code) pairs the account has subscribed to.
  std::set<std::pair<AccountId, std::string>>& marketplace_subscriptions() {
    return subscriptions_;
  }
  const std::set<std::pair<AccountId, std::string>>& marketplace_subscriptions() const {
    return subscriptions_;
  }

  // --- S3 (sim/s3/s3.hpp) ---------------------------------------------------------------------
  // Every bucket by its global name.
  std::map<std::string, Bucket>& buckets() { return buckets_; }
  const std::map<std::string, Bucket>& buckets() const { return buckets_; }

  // --- billing (sim/state/meter.hpp, sim/billing/metering.hpp, sim/billing/billing.hpp)
  // ------------------------
  Meter& meter() { return meter_; }
  const Meter& meter() const { return meter_; }

  // A digest of the whole state (resources, clock, allocator): equal digests = equal worlds.
  std::string digest() const;

  // The door a state snapshot (api/io/world_snapshot.hpp) restores through: what no operation
  // may set, but loading a snapshot must — the allocator's position, the last write version and
  // the accounts. Everything else a snapshot holds is reached through the accessors above. Only
  // for a world just built from the fixtures and seed of the world that was snapshotted (its
  // fixtures, options and catalogue IDs are the ones the constructor set).
  struct Restore {
    static IdAllocator& ids(World& world) { return world.ids_; }
    static void write_version(World& world, std::uint64_t version) {
      world.write_version_ = version;
    }
    static std::map<AccountId, Account>& accounts(World& world) { return world.accounts_; }
  };

 private:
  void load_catalogue();
  // Marks a catalogue ID as taken, so new_id never issues it.
  void reserve_id(const std::string& id);

  std::shared_ptr<const Fixtures> fixtures_;
  WorldOptions options_;
  Clock clock_;
  IdAllocator ids_;
  std::uint64_t write_version_ = 0;
  std::map<AccountId, Account> accounts_;
  std::map<RegionName, RegionState> regions_;
  std::set<std::pair<AccountId, std::string>> subscriptions_;
  std::map<std::pair<AccountId, RegionName>, RegionOptStatus> region_opt_;
  std::map<std::string, Bucket> buckets_;
  Meter meter_;
  std::unordered_set<std::string> reserved_ids_;  // catalogue IDs the allocator must skip
  std::vector<std::string> reserved_prefixes_;    // the prefixes of reserved_ids_ ("ami", "snap")
};

// The AMI and the root snapshot a catalogue row puts in a fresh world (World's constructor); the
// snapshot holds `data`. A state snapshot compares the world's against these, to leave out what
// is unchanged (api/io/world_snapshot.hpp).
Image catalogue_image(const CatalogueImage& row);
Snapshot catalogue_snapshot(const CatalogueImage& row, std::shared_ptr<const VolumeData> data);

}  // namespace amisim::sim
