// What the gateway does, one call at a time: the world, its journal (journal.hpp) and the clock
// mode (clock_mode.hpp). The Gateway (gateway.hpp) holds its one lock around every use of an
// Engine, so nothing here locks, and members call each other freely. The control plane sees an
// Engine only as its ControlTarget (api/control/control.hpp).
//
// Catching up (scaled mode) happens where the gateway's public members always did: at the start of
// every EC2, S3 and control request, and inside now(), advance(), set_clock(), state_document()
// and a valid change_subscription(); never for SSM and Cost Explorer reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/control/control.hpp"
#include "api/ec2/handler.hpp"
#include "api/gateway/clock_mode.hpp"
#include "api/gateway/journal.hpp"
#include "api/picture/recorder.hpp"
#include "api/protocol/service_model.hpp"
#include "sim/core/id_allocator.hpp"
#include "sim/state/world.hpp"
#include "sim/timeline.hpp"

namespace amisim::gateway {

struct EngineOptions {
  std::uint64_t seed = 0;
  ClockSetting clock;
  WallClock wall;          // required for scaled mode; may be empty otherwise
  std::string state_file;  // "" = none: save_state_file() refuses
  // The journal's length at which the world is snapshotted and the journal starts again
  // (journal.hpp); at least 1.
  std::size_t journal_limit = kJournalEntriesBeforeSnapshot;
  // And at least one entry per this many bytes of the last snapshot (journal.hpp); 0: exactly at
  // journal_limit.
  std::size_t snapshot_bytes_per_entry = kSnapshotBytesPerJournalEntry;
  bool picture = true;  // record the live picture (api/picture/recorder.hpp)
};

class Engine final : public ControlTarget {
 public:
  Engine(std::shared_ptr<const sim::Fixtures> fixtures, EngineOptions options);

  // ec2::call / s3::call, journaled when they changed the world (a changing action in a known
  // Region, not a dry run, that succeeded; for S3 an input the journal can hold), then settled in
  // instant mode. A refused call (an AWS error) changes nothing: it is neither journaled nor
  // followed by a settle. A caller's account is journaled the first time it is seen. No
  // catch-up: the caller does it.
  protocol::WireResult<ec2::Json> call(const sim::Caller& caller, std::string_view action,
                                       const ec2::Json& input);
  protocol::WireResult<ec2::Json> call_s3(const sim::Caller& caller, std::string_view action,
                                          const ec2::Json& input);
  // account::call (the Account API's Region operations), journaled when it changed the world
  // (EnableRegion, DisableRegion that succeeded), then settled in instant mode.
  protocol::WireResult<ec2::Json> call_account(const sim::Caller& caller,
                                               std::string_view operation, const ec2::Json& input);
  // rbin::call (the Recycle Bin's rules), journaled when it changed the world, then settled in
  // instant mode.
  protocol::WireResult<ec2::Json> call_rbin(const sim::Caller& caller, std::string_view operation,
                                            const ec2::Json& input);
  // dlm::call (Data Lifecycle Manager's policies), the same way.
  protocol::WireResult<ec2::Json> call_dlm(const sim::Caller& caller, std::string_view operation,
                                           const ec2::Json& input);
  // Scaled mode: model time catches up with the wall clock (journaled as an advance_to).
  void catch_up();
  // Request IDs come from their own allocator (seeded from the world's seed) so that answering a
  // describe call never changes the world.
  std::string next_request_id() { return request_ids_.next_request_id(); }
  const protocol::ServiceModel& model() const { return *model_; }

  // ControlTarget
  std::uint64_t seed() const override { return seed_; }
  sim::TimeMs now() override;
  ClockSetting clock_setting() const override { return clock_.setting(); }
  bool set_clock(ClockSetting setting) override;
  protocol::WireResult<sim::TimeMs> advance(sim::DurationMs by) override;
  void reset(std::optional<std::uint64_t> seed) override;
  ec2::Json state_document() override;
  protocol::WireResult<bool> load_state(const ec2::Json& document) override;
  std::string save_state_file() override;
  const std::string& state_file() const override { return state_file_; }
  protocol::WireResult<bool> change_subscription(const sim::AccountId& account,
                                                 const std::string& code, bool subscribe) override;
  const sim::World& world() const override { return *world_; }
  const picture::Recorder& picture() const override { return picture_; }

 private:
  void note_account(const sim::Caller& caller);  // journals an account seen for the first time
  // Once the journal holds journal_limit_ entries (and, unless snapshot_bytes_per_entry_ is 0, one
  // per that many bytes of the last snapshot): snapshots the world, and the journal starts
  // again from it. Called where a public member has journaled and the world is as the journal
  // says (never between a call and its settle: either order replays the same).
  void snapshot_if_due();
  void note_network(const sim::Caller& caller);  // journals an account's first use of a Region
  // In the instant clock: moves it until no settling work is left (sim::settle).
  void settle_if_instant();
  // Moves the clock to `target` (sim::advance_to), the live picture looking after each event.
  void move_clock_to(sim::TimeMs target);
  // What shows the live picture each event as it is applied (none when it records nothing).
  sim::EventObserver picture_observer();
  // Shows the live picture what a changing call named (api/picture/recorder.hpp).
  void picture_look(const sim::Caller& caller, const ec2::Json& input,
                    const protocol::WireResult<ec2::Json>& result);
  // Logs a call in the live picture (api/picture/recorder.hpp).
  template <class T>
  void picture_call(const sim::Caller& caller, sim::TimeMs at, std::string_view service,
                    std::string_view action, const protocol::WireResult<T>& result) {
    picture_.call(caller, at, service, action, result.ok() ? "" : result.error().code);
  }
  // A Regional restJson1 service's call (rbin, dlm), journaled under `service` when it changed
  // the world, then settled in instant mode.
  using ServiceCall = protocol::WireResult<ec2::Json> (*)(sim::World&, const sim::Caller&,
                                                          std::string_view, const ec2::Json&);
  protocol::WireResult<ec2::Json> call_service(std::string_view service, ServiceCall call,
                                               bool mutates, const sim::Caller& caller,
                                               std::string_view operation, const ec2::Json& input);

  std::shared_ptr<const sim::Fixtures> fixtures_;
  std::shared_ptr<const protocol::ServiceModel> model_;
  std::uint64_t seed_;
  std::string state_file_;
  std::size_t journal_limit_;
  std::size_t snapshot_bytes_per_entry_;
  std::unique_ptr<sim::World> world_;
  Journal journal_;
  sim::IdAllocator request_ids_;
  ClockControl clock_;
  picture::Recorder picture_;
};

}  // namespace amisim::gateway
