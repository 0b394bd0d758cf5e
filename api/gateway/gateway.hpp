// The gateway: what `amisim serve` answers every HTTP request with, and the in-process door that
// adds the server's behaviour (clock mode, state journal) to ec2::call.
//
// Routing (DESIGN.md "One request, end to end", step 2): /_amisim/*, /moto-api/* and
// /_localstack/* go to the control plane (api/control/control.hpp); SSM JSON calls (X-Amz-Target
// AmazonSSM.*) to api/ssm and Cost Explorer ones (AWSInsightsIndexService.*) to api/ce, both
// read-only and not journaled; S3-shaped requests (s3::is_s3_request: an s3 SigV4 scope, an S3
// Host, or GET/PUT/HEAD/DELETE of a path without Action=) to the S3 REST subset
// (api/s3/rest.hpp), through s3::call and journaled like EC2 calls when they can change the
// world; everything else is an EC2 Query call: fields from the query string and the form body, the
// caller from the signature and Host (caller_identity.hpp), the operation parsed against the
// service model, the handler run, and the reply written as EC2 XML with an x-amzn-RequestId header.
//
// Time (DESIGN.md "Time"): the model never reads a clock; the gateway moves it by mode:
//   instant     after every call that changes the world, World::settle() (waiters succeed on
//               their first poll);
//   manual      only advance() (POST /_amisim/clock/advance) moves time;
//   scaled:N    before every request, model time catches up to N x the wall time elapsed since
//               the last re-anchoring; the wall clock is injected (WallClock), never read here.
//
// State: every call that can change the world is journaled with the caller and the model time,
// with each movement of the clock and each account seen for the first time. Because the model is
// deterministic, replaying the journal from the seed rebuilds the world exactly; the state
// document (state_document) is that journal plus a readable view of every account's resources and
// the world's digest, which load_state checks after replaying.
//
// Thread-safe: every public member locks one mutex, so the world sees one call at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/ec2/handler.hpp"
#include "api/http/request.hpp"
#include "api/protocol/service_model.hpp"
#include "sim/core/id_allocator.hpp"
#include "sim/state/world.hpp"

namespace amisim::gateway {

enum class ClockMode { kInstant, kManual, kScaled };

struct ClockSetting {
  ClockMode mode = ClockMode::kInstant;
  std::uint32_t factor = 1;  // scaled:N only; N >= 1

  // "instant", "manual" or "scaled:N".
  std::string str() const;
  bool operator==(const ClockSetting&) const = default;
};

// Parses "instant" | "manual" | "scaled:N" (N a positive integer up to 1,000,000).
std::optional<ClockSetting> parse_clock_setting(std::string_view text);

// Milliseconds of wall time from any fixed origin (a steady clock), supplied by the CLI.
using WallClock = std::function<std::int64_t()>;

struct GatewayOptions {
  std::uint64_t seed = 0;
  ClockSetting clock;
  WallClock wall;  // required for scaled mode; may be empty otherwise
  // Where POST /_amisim/state/save writes ("" = no state file; that endpoint then answers 400).
  std::string state_file;
  // Called with one line per request when set (`amisim serve --log`).
  std::function<void(const std::string&)> log;
};

class Gateway {
 public:
  Gateway(std::shared_ptr<const sim::Fixtures> fixtures, GatewayOptions options);

  // Answers one HTTP request (EC2, S3, SSM, Cost Explorer or control plane). Never throws.
  http::HttpResponse handle(const http::HttpRequest& request);

  // The in-process door: ec2::call plus journaling and the clock mode.
  protocol::WireResult<ec2::Json> call(const sim::Caller& caller, std::string_view action,
                                       const ec2::Json& input);

  // The in-process door to S3: s3::call plus journaling ({"s3": action, ...}) and the clock mode.
  protocol::WireResult<ec2::Json> call_s3(const sim::Caller& caller, std::string_view action,
                                          const ec2::Json& input);

  // --- control ----------------------------------------------------------------------------
  // A fresh world with `seed` (the current seed when absent); the journal starts again.
  void reset(std::optional<std::uint64_t> seed = std::nullopt);
  // Moves model time forward (any mode); an error for a negative duration.
  protocol::WireResult<sim::TimeMs> advance(sim::DurationMs by);
  void set_clock(ClockSetting setting);
  ClockSetting clock_setting() const;
  sim::TimeMs now();  // after catching up (scaled mode)
  std::uint64_t seed() const;

  // AWS Marketplace subscriptions (sim/images/marketplace.hpp): applied and journaled
  // ({"subscribe": code, "account": id} / {"unsubscribe": ...}) so state documents replay them.
  // InvalidParameterValue for a malformed account or an unknown product code.
  protocol::WireResult<bool> subscribe(const sim::AccountId& account, const std::string& code);
  protocol::WireResult<bool> unsubscribe(const sim::AccountId& account, const std::string& code);

  // The state document: {"format", "seed", "clock", "digest", "journal", "accounts"}.
  ec2::Json state_document();
  // Replaces the world with the one the document's journal rebuilds. On any error (bad document,
  // a journal entry that does not replay, a digest that does not match) the current world is
  // kept and the error says which entry.
  protocol::WireResult<bool> load_state(const ec2::Json& document);
  // Writes the state document to options.state_file atomically; "" on success, else why not.
  std::string save_state_file();
  const std::string& state_file() const { return options_.state_file; }

  // Read access for tests and the CLI (not locked: use only when no other thread calls in).
  const sim::World& world() const { return *world_; }
  const protocol::ServiceModel& model() const { return *model_; }

 private:
  http::HttpResponse handle_ec2(const http::HttpRequest& request);
  protocol::WireResult<ec2::Json> call_locked(const sim::Caller& caller, std::string_view action,
                                              const ec2::Json& input);
  http::HttpResponse handle_s3(const http::HttpRequest& request);
  protocol::WireResult<ec2::Json> call_s3_locked(const sim::Caller& caller, std::string_view action,
                                                 const ec2::Json& input);
  void note_account(const sim::Caller& caller);  // journals an account seen for the first time
  void settle_if_instant();
  void catch_up();  // scaled mode: bring model time up to wall time
  void anchor();    // scaled mode: model time and wall time start counting from here
  void record(ec2::Json entry) { journal_.push_back(std::move(entry)); }
  protocol::WireResult<bool> change_subscription(const sim::AccountId& account,
                                                 const std::string& code, bool subscribe);

  std::shared_ptr<const sim::Fixtures> fixtures_;
  std::shared_ptr<const protocol::ServiceModel> model_;
  GatewayOptions options_;
  mutable std::recursive_mutex mutex_;
  std::unique_ptr<sim::World> world_;
  ec2::Json journal_ = ec2::Json::array();
  sim::IdAllocator request_ids_;
  std::int64_t anchor_wall_ = 0;
  sim::TimeMs anchor_model_ = 0;

  friend http::HttpResponse handle_control_request(Gateway&, const http::HttpRequest&);
};

}  // namespace amisim::gateway
