#include "api/gateway/engine.hpp"

#include <algorithm>

#include "api/account/account.hpp"
#include "api/dlm/dlm.hpp"
#include "api/ec2/dispatch.hpp"
#include "api/io/state_file.hpp"
#include "api/io/world_snapshot.hpp"
#include "api/rbin/rbin.hpp"
#include "api/s3/s3.hpp"
#include "sim/images/marketplace.hpp"
#include "sim/network/network.hpp"
#include "sim/regions/opt_in.hpp"
#include "sim/timeline.hpp"

namespace amisim::gateway {
namespace {

using ec2::Json;
using protocol::WireError;

constexpr std::uint64_t kRequestIdSalt = 0x7265717565737473ULL;  // "requests"

std::unique_ptr<sim::World> new_world(const std::shared_ptr<const sim::Fixtures>& fixtures,
                                      std::uint64_t seed) {
  return std::make_unique<sim::World>(fixtures, sim::WorldOptions{.seed = seed});
}

// What a call could move without adding a resource: the allocator (IDs, the seeded random), the
// event queue, the time. A refused call (an AWS error) changes nothing, so it is not journaled:
// replay needs only the calls that changed the world, and refused ones would grow the journal
// and the state document with every mistake a client makes. The gateway fuzz target and the
// journal property check that an error leaves the digest as it was; should one of these marks
// move anyway, the call is journaled as before, so that replay stays exact.
struct Marks {
  std::uint64_t ids = 0;
  std::uint64_t events = 0;
  sim::TimeMs now = 0;
  bool operator==(const Marks&) const = default;
};

Marks marks_of(const sim::World& world) {
  return {world.ids().counter(), world.clock().next_seq(), world.now()};
}

// Whether a call that may change the world is journaled: when it succeeded, or when a refused
// one moved a mark after all.
template <class T>
bool changed_world(const protocol::WireResult<T>& result, const Marks& before,
                   const sim::World& world) {
  return result.ok() || !(marks_of(world) == before);
}

}  // namespace

Engine::Engine(std::shared_ptr<const sim::Fixtures> fixtures, EngineOptions options)
    : fixtures_(std::move(fixtures)),
      model_(protocol::ServiceModel::load_ec2()),
      seed_(options.seed),
      state_file_(std::move(options.state_file)),
      journal_limit_(std::max<std::size_t>(options.journal_limit, 1)),
      snapshot_bytes_per_entry_(options.snapshot_bytes_per_entry),
      world_(new_world(fixtures_, seed_)),
      request_ids_(seed_ ^ kRequestIdSalt),
      clock_(options.clock, std::move(options.wall), world_->now()),
      picture_(options.picture) {
  picture_.restart(*world_);
}

void Engine::catch_up() {
  if (auto target = clock_.catch_up_target(world_->now())) {
    const sim::TimeMs from = world_->now();
    move_clock_to(*target);
    journal_.advance_to(*target);
    snapshot_if_due();
    picture_.clock_moved(from, "clock");
  }
}

void Engine::snapshot_if_due() {
  const std::size_t entries = journal_.size();
  if (entries < journal_limit_) return;
  if (snapshot_bytes_per_entry_ != 0 &&
      entries * snapshot_bytes_per_entry_ < journal_.snapshot_bytes())
    return;
  journal_.restart_from(io::world_snapshot(*world_));
}

void Engine::note_account(const sim::Caller& caller) {
  if (world_->region(caller.region) != nullptr && sim::is_account_id(caller.account.str()) &&
      !world_->has_account(caller.account)) {
    world_->ensure_account(caller.account);
    journal_.account(caller.account);
  }
}

void Engine::note_network(const sim::Caller& caller) {
  // Not in an opt-in Region the account has not enabled: the call is refused there (AuthFailure)
  // and leaves nothing behind (api/ec2/dispatch.cpp).
  if (world_->region(caller.region) != nullptr && sim::is_account_id(caller.account.str()) &&
      sim::region_enabled(*world_, caller.account, caller.region) &&
      !sim::has_network(*world_, caller)) {
    sim::ensure_default_network(*world_, caller);
    journal_.network(caller);
  }
}

void Engine::settle_if_instant() {
  if (clock_.settles_after_calls() && world_->clock().last_settling_time()) {
    sim::settle(*world_, picture_observer());
    picture_.look_owed(*world_);
    journal_.settle();
  }
}

sim::EventObserver Engine::picture_observer() {
  if (!picture_.on()) return {};
  return [this](const sim::Event& event) { picture_.look_event(*world_, event); };
}

void Engine::move_clock_to(sim::TimeMs target) {
  sim::advance_to(*world_, target, picture_observer());
  picture_.look_owed(*world_);
}

void Engine::picture_look(const sim::Caller& caller, const Json& input,
                          const protocol::WireResult<Json>& result) {
  static const Json kNothing;
  picture_.look_call(*world_, caller.region, input, result.ok() ? result.value() : kNothing);
}

protocol::WireResult<Json> Engine::call(const sim::Caller& caller, std::string_view action,
                                        const Json& input) {
  bool known_region = world_->region(caller.region) != nullptr;
  note_account(caller);
  note_network(caller);
  // A DryRun call answers an error (DryRunOperation or the real call's), so it is journaled only
  // if it moved a mark after all, like any refused call.
  bool may_change = known_region && ec2::mutates(action);
  sim::TimeMs at = world_->now();
  const Marks before = marks_of(*world_);
  auto result = ec2::call(*world_, caller, action, input);
  if (may_change && changed_world(result, before, *world_)) {
    picture_look(caller, input, result);
    journal_.call(at, caller, action, input);  // as given: replay answers the same
    settle_if_instant();
  }
  snapshot_if_due();  // note_account and note_network may have journaled too
  picture_call(caller, at, "ec2", action, result);
  return result;
}

protocol::WireResult<Json> Engine::call_s3(const sim::Caller& caller, std::string_view action,
                                           const Json& input) {
  // Input that cannot be written as JSON text (not UTF-8) is refused without effect: not journaled.
  auto journal_input = s3::journal_input(input);
  bool may_change =
      world_->region(caller.region) != nullptr && s3::mutates(action) && journal_input;
  note_account(caller);
  sim::TimeMs at = world_->now();
  const Marks before = marks_of(*world_);
  auto result = s3::call(*world_, caller, action, input);
  if (may_change && changed_world(result, before, *world_)) {
    picture_look(caller, input, result);
    journal_.s3_call(at, caller, action, std::move(*journal_input));
    settle_if_instant();
  }
  snapshot_if_due();
  picture_call(caller, at, "s3", action, result);
  return result;
}

protocol::WireResult<Json> Engine::call_account(const sim::Caller& caller,
                                                std::string_view operation, const Json& input) {
  // No note_account: the Account API ignores the signing Region, and the model creates the
  // account inside EnableRegion, which replay repeats in the same order.
  sim::TimeMs at = world_->now();
  const Marks before = marks_of(*world_);
  auto result = account::call(*world_, caller, operation, input);
  if (account::mutates(operation) && changed_world(result, before, *world_)) {
    journal_.account_call(at, caller, operation, input);  // names nothing the picture draws
    settle_if_instant();
  }
  snapshot_if_due();
  picture_call(caller, at, "account", operation, result);
  return result;
}

protocol::WireResult<Json> Engine::call_service(std::string_view service, ServiceCall call,
                                                bool mutates, const sim::Caller& caller,
                                                std::string_view operation, const Json& input) {
  note_account(caller);
  sim::TimeMs at = world_->now();
  const Marks before = marks_of(*world_);
  auto result = call(*world_, caller, operation, input);
  if (mutates && changed_world(result, before, *world_)) {
    picture_look(caller, input, result);
    journal_.service_call(service, at, caller, operation, input);
    settle_if_instant();
  }
  snapshot_if_due();
  picture_call(caller, at, service, operation, result);
  return result;
}

protocol::WireResult<Json> Engine::call_rbin(const sim::Caller& caller, std::string_view operation,
                                             const Json& input) {
  return call_service("rbin", rbin::call, rbin::mutates(operation), caller, operation, input);
}

protocol::WireResult<Json> Engine::call_dlm(const sim::Caller& caller, std::string_view operation,
                                            const Json& input) {
  return call_service("dlm", dlm::call, dlm::mutates(operation), caller, operation, input);
}

sim::TimeMs Engine::now() {
  catch_up();
  return world_->now();
}

bool Engine::set_clock(ClockSetting setting) {
  catch_up();
  return clock_.set(setting, world_->now());
}

protocol::WireResult<sim::TimeMs> Engine::advance(sim::DurationMs by) {
  if (by < 0) {
    return WireError{"InvalidParameterValue", "The clock only moves forward.", 400};
  }
  catch_up();
  const sim::TimeMs from = world_->now();
  sim::TimeMs target = from + by;
  move_clock_to(target);
  journal_.advance_to(target);
  snapshot_if_due();
  clock_.anchor(world_->now());
  picture_.clock_moved(from, "clock/advance");
  return world_->now();
}

void Engine::reset(std::optional<std::uint64_t> seed) {
  if (seed) seed_ = *seed;
  world_ = new_world(fixtures_, seed_);
  journal_ = Journal();
  request_ids_ = sim::IdAllocator(seed_ ^ kRequestIdSalt);
  clock_.anchor(world_->now());
  picture_.restart(*world_);
}

protocol::WireResult<bool> Engine::change_subscription(const sim::AccountId& account,
                                                       const std::string& code, bool subscribe) {
  if (!sim::is_account_id(account.str())) return invalid_account_id();
  if (!world_->fixtures().find_product(code)) {
    return protocol::to_wire(sim::errors::unknown_marketplace_product(code));
  }
  catch_up();
  // A new account is journaled first, as call does, so the replay creates it in order.
  if (!world_->has_account(account)) {
    world_->ensure_account(account);
    journal_.account(account);
  }
  auto done =
      subscribe ? sim::subscribe(*world_, account, code) : sim::unsubscribe(*world_, account, code);
  if (!done) {
    snapshot_if_due();  // the new account may have been journaled
    return protocol::to_wire(done.error());
  }
  journal_.subscription(subscribe, code, account);
  snapshot_if_due();
  return true;
}

Json Engine::state_document() {
  catch_up();
  return journal_.document(*world_, seed_, clock_.setting());
}

protocol::WireResult<bool> Engine::load_state(const Json& document) {
  auto rebuilt = Journal::rebuild(fixtures_, document);
  if (!rebuilt) return rebuilt.error();
  seed_ = rebuilt->seed;
  world_ = std::move(rebuilt->world);
  journal_ = std::move(rebuilt->journal);
  clock_.anchor(world_->now());
  picture_.restart(*world_);
  return true;
}

std::string Engine::save_state_file() {
  if (state_file_.empty()) return "amisim was started without --state FILE";
  return io::write_file_atomically(state_file_, state_document().dump(1) + "\n");
}

}  // namespace amisim::gateway
