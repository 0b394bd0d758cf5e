// The control plane under /_amisim/ (JSON in and out) and the compat routes other emulators'
// users already call. Every endpoint (README "Control endpoints" documents them for users):
//   GET  /_amisim/health         {"status": "running", "services": {"ec2": "running"}, ...}
//   POST /_amisim/reset          optional {"seed": N}: a fresh world (same seed unless given)
//   GET  /_amisim/clock          {"now": "<ISO-8601>", "mode": "instant|manual|scaled:N"}
//   POST /_amisim/clock          {"mode": "manual"}: change the clock mode
//   POST /_amisim/clock/advance  {"seconds": N}: move model time forward (any mode)
//   GET  /_amisim/state          the state document (api/gateway/journal.hpp)
//   POST /_amisim/state          load a state document: the world afterwards describes identically
//   POST /_amisim/state/save     write the state document to the --state FILE, atomically
//   GET  /_amisim/ui             the live picture's page (api/picture/page.hpp)
//   GET  /_amisim/timeline       ?from&to: the picture as JSON (api/picture/timeline.hpp)
//   GET  /_amisim/events         ?after=N: the calls logged after call N, the picture's version
//   POST /moto-api/reset         as /_amisim/reset (moto's reset route)
//   POST /moto-api/seed?a=N      a fresh world with seed N (moto's reseed, README)
//   GET  /moto-api/data.json     404 naming /_amisim/state (any other /moto-api/ route: 404)
//   GET  /_localstack/health     {"services": {"ec2": "running"}, ...} (LocalStack's health route)
// Errors: a JSON body {"error": {"code": "...", "message": "..."}} with 400 (bad body or value),
// 404 (no such endpoint) or 405 (wrong method, with an Allow header).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/ec2/handler.hpp"
#include "api/gateway/clock_mode.hpp"
#include "api/http/request.hpp"
#include "api/picture/recorder.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::gateway {

// What the control plane may do to the server, and all it sees of it. The gateway implements it
// (api/gateway/engine.hpp) and holds its lock while the control plane runs, so no member locks.
class ControlTarget {
 public:
  virtual ~ControlTarget() = default;

  virtual std::uint64_t seed() const = 0;
  virtual sim::TimeMs now() = 0;  // after catching up (scaled mode)
  virtual ClockSetting clock_setting() const = 0;
  // false when scaled mode is asked for and there is no wall clock to scale.
  virtual bool set_clock(ClockSetting setting) = 0;
  virtual protocol::WireResult<sim::TimeMs> advance(sim::DurationMs by) = 0;
  virtual void reset(std::optional<std::uint64_t> seed) = 0;
  virtual ec2::Json state_document() = 0;
  virtual protocol::WireResult<bool> load_state(const ec2::Json& document) = 0;
  virtual std::string save_state_file() = 0;  // "" on success, else why not
  virtual const std::string& state_file() const = 0;
  virtual protocol::WireResult<bool> change_subscription(const sim::AccountId& account,
                                                         const std::string& code,
                                                         bool subscribe) = 0;
  virtual const sim::World& world() const = 0;           // read only: the billing endpoints
  virtual const picture::Recorder& picture() const = 0;  // the live picture (/_amisim/timeline)
};

// Answers a request whose path is under /_amisim/, /moto-api/ or /_localstack/.
http::HttpResponse handle_control_request(ControlTarget& target, const http::HttpRequest& request);

// The control plane's one answer to an "account" that is not a 12-digit account ID
// (sim::is_account_id), for the billing queries and the Marketplace subscriptions alike:
// 400 InvalidParameterValue.
protocol::WireError invalid_account_id();

}  // namespace amisim::gateway
