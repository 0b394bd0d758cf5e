// The gateway: what `amisim serve` answers every HTTP request with, and the in-process door that
// adds the server's behaviour (clock mode, state journal) to ec2::call.
//
// One request: classify it once into a route and a caller (route.hpp: control plane, SSM, Cost
// Explorer, S3 REST or EC2 Query), take the lock, answer it through that route, write one log
// line. The EC2 route parses the form against the service model, runs the handler and writes EC2
// XML with an x-amzn-RequestId header; S3 goes through s3::call (api/s3/rest.hpp); SSM and Cost
// Explorer are read only.
//
// What the gateway keeps lives in an Engine (engine.hpp): the world, the journal and the state
// document (journal.hpp), the clock mode (clock_mode.hpp: instant, manual, scaled:N).
//
// `amisim serve --auth sigv4` (GatewayOptions::credentials): before any of that, every request
// but the control plane's must carry a valid Signature Version 4 by a credential of the file
// (api/auth/verify.hpp), checked against the wall clock the CLI supplies; a refusal is answered
// in the route's protocol (api/auth/replies.hpp) and reaches no handler. The caller's account is
// then the credential's.
//
// Thread-safe: every public member but world() and model() takes one plain mutex, once, so the
// world sees one call at a time; nothing under the lock takes it again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/auth/credentials.hpp"
#include "api/ec2/handler.hpp"
#include "api/gateway/clock_mode.hpp"
#include "api/gateway/journal.hpp"
#include "api/http/request.hpp"
#include "api/protocol/service_model.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::gateway {

class Engine;

struct GatewayOptions {
  std::uint64_t seed = 0;
  ClockSetting clock;
  WallClock wall;  // required for scaled mode; may be empty otherwise
  // Where POST /_amisim/state/save writes ("" = no state file; that endpoint then answers 400).
  std::string state_file;
  // The journal's length at which the world is snapshotted (journal.hpp; `serve --snapshot-every`).
  std::size_t journal_limit = kJournalEntriesBeforeSnapshot;
  // And one entry per this many bytes of the last snapshot (journal.hpp); 0: exactly at
  // journal_limit (`serve --snapshot-every` sets it so).
  std::size_t snapshot_bytes_per_entry = kSnapshotBytesPerJournalEntry;
  // Whether the live picture is recorded (api/picture/recorder.hpp; `serve --no-picture`).
  bool picture = true;
  // Called with one line per request when set (`amisim serve --log`; route.hpp's log_line).
  std::function<void(const std::string&)> log;
  // `--auth sigv4 --credentials FILE`: when set, signatures are verified with these credentials
  // (above); unset, any credentials or none are accepted (the default).
  std::shared_ptr<const auth::CredentialStore> credentials;
  // Wall time as Unix milliseconds, for the signature's 15-minute window: required with
  // credentials, supplied by the CLI (nothing in api/ reads a clock).
  std::function<std::int64_t()> unix_time_ms;
};

class Gateway {
 public:
  Gateway(std::shared_ptr<const sim::Fixtures> fixtures, GatewayOptions options);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Answers one HTTP request (EC2, S3, SSM, Cost Explorer or control plane). Never throws. An
  // event stream's answer (GET /_amisim/events as text/event-stream) refers to this Gateway and
  // takes its lock each time it is asked for more: the Gateway must outlive the server.
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
  // false (nothing changes) when scaled mode is asked for and there is no wall clock.
  bool set_clock(ClockSetting setting);
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
  const std::string& state_file() const;

  // Read access for tests and the CLI (not locked: use only when no other thread calls in).
  const sim::World& world() const;
  const protocol::ServiceModel& model() const;

 private:
  std::function<bool(std::string_view)> is_region_;  // reads only the fixtures: no lock needed
  std::function<void(const std::string&)> log_;
  std::shared_ptr<const auth::CredentialStore> credentials_;  // null: signatures not checked
  std::function<std::int64_t()> unix_time_ms_;
  mutable std::mutex mutex_;
  std::unique_ptr<Engine> engine_;  // used only with mutex_ held
};

}  // namespace amisim::gateway
