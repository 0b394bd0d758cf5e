#include "api/gateway/gateway.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <exception>

#include "api/account/account.hpp"
#include "api/auth/replies.hpp"
#include "api/auth/verify.hpp"
#include "api/ce/ce.hpp"
#include "api/control/control.hpp"
#include "api/dlm/dlm.hpp"
#include "api/gateway/engine.hpp"
#include "api/gateway/route.hpp"
#include "api/protocol/aws_json.hpp"
#include "api/protocol/query_parser.hpp"
#include "api/protocol/xml_writer.hpp"
#include "api/rbin/rbin.hpp"
#include "api/s3/rest.hpp"
#include "api/ssm/ssm.hpp"
#include "api/sts/sts.hpp"
#include "sim/core/utf8.hpp"

namespace amisim::gateway {
namespace {

using ec2::Json;

sts::Service query_service(Route route) {
  return route == Route::kIam ? sts::Service::kIam : sts::Service::kSts;
}

http::HttpResponse xml_reply(int status, std::string body, const std::string& request_id) {
  http::HttpResponse r;
  r.status = status;
  r.headers.add("Content-Type", "text/xml;charset=UTF-8");
  r.headers.add("x-amzn-RequestId", request_id);
  r.headers.add("Server", "AmazonEC2");
  r.body = std::move(body);
  return r;
}

Answer answer_ec2(Engine& engine, const http::HttpRequest& request, const sim::Caller& caller) {
  engine.catch_up();
  Answer a;
  a.request_id = engine.next_request_id();
  auto parsed = protocol::parse_query(engine.model(), http::query_form(request));
  if (parsed.ok()) a.action = parsed.value().action;
  protocol::WireResult<Json> result = parsed.ok()
                                          ? engine.call(caller, a.action, parsed.value().input)
                                          : protocol::WireResult<Json>(parsed.error());
  if (result.ok()) {
    a.response = xml_reply(
        200, protocol::write_response(engine.model(), a.action, result.value(), a.request_id),
        a.request_id);
  } else {
    a.error_code = result.error().code;
    a.response = xml_reply(result.error().http_status,
                           protocol::write_error(result.error(), a.request_id), a.request_id);
  }
  return a;
}

Answer answer_s3(Engine& engine, const http::HttpRequest& request, const sim::Caller& caller) {
  engine.catch_up();
  Answer a;
  a.request_id = engine.next_request_id();
  s3::RestCall call = s3::parse_rest_request(request);
  a.action = call.action;
  protocol::WireResult<Json> result = call.error ? protocol::WireResult<Json>(*call.error)
                                                 : engine.call_s3(caller, call.action, call.input);
  if (!result.ok()) a.error_code = result.error().code;
  a.response = s3::write_rest_response(call, result, a.request_id);
  return a;
}

// A restJson1 door (the Account API, the Recycle Bin, DLM): the call the request states, the
// engine's answer unless the request was malformed, and the door's reply.
template <class Parse, class Call, class Write>
Answer answer_rest_json(Engine& engine, const http::HttpRequest& request, Parse parse,
                        Call call_engine, Write write) {
  engine.catch_up();
  Answer a;
  a.request_id = engine.next_request_id();
  auto call = parse(request);
  a.action = call.operation;
  protocol::WireResult<Json> result = call.error ? protocol::WireResult<Json>(*call.error)
                                                 : call_engine(call.operation, call.input);
  if (!result.ok()) a.error_code = result.error().code;
  a.response = write(call.operation, result, a.request_id);
  return a;
}

Answer answer_account(Engine& engine, const http::HttpRequest& request, const sim::Caller& caller) {
  return answer_rest_json(
      engine, request, account::parse_request,
      [&](const std::string& op, const Json& in) { return engine.call_account(caller, op, in); },
      [](std::string_view, const protocol::WireResult<Json>& result, const std::string& id) {
        return account::write_response(result, id);
      });
}

Answer answer_rbin(Engine& engine, const http::HttpRequest& request, const sim::Caller& caller) {
  return answer_rest_json(
      engine, request, rbin::parse_request,
      [&](const std::string& op, const Json& in) { return engine.call_rbin(caller, op, in); },
      rbin::write_response);
}

Answer answer_dlm(Engine& engine, const http::HttpRequest& request, const sim::Caller& caller) {
  return answer_rest_json(
      engine, request, dlm::parse_request,
      [&](const std::string& op, const Json& in) { return engine.call_dlm(caller, op, in); },
      dlm::write_response);
}

Answer answer_control(Engine& engine, const http::HttpRequest& request) {
  engine.catch_up();
  Answer a;
  a.response = handle_control_request(engine, request);
  return a;
}

// SSM (api/ssm) and Cost Explorer (api/ce) only read: no clock catch-up, no journal.
template <class Handler>
Answer answer_read_only(Engine& engine, const http::HttpRequest& request, const sim::Caller& caller,
                        Handler handler) {
  Answer a;
  a.request_id = engine.next_request_id();
  a.response = handler(engine.world(), caller, request, a.request_id);
  return a;
}

// The route's answer; the caller holds the lock.
Answer answer(Engine& engine, const http::HttpRequest& request, const Classified& classified) {
  const sim::Caller& caller = classified.identity.caller;
  switch (classified.route) {
    case Route::kControl:
      return answer_control(engine, request);
    case Route::kSsm:
      return answer_read_only(engine, request, caller, ssm::handle_ssm);
    case Route::kCostExplorer:
      return answer_read_only(engine, request, caller, ce::handle_ce);
    case Route::kS3:
      return answer_s3(engine, request, caller);
    case Route::kAccount:
      return answer_account(engine, request, caller);
    case Route::kRbin:
      return answer_rbin(engine, request, caller);
    case Route::kDlm:
      return answer_dlm(engine, request, caller);
    case Route::kSts:
    case Route::kIam:
      return answer_read_only(
          engine, request, caller,
          [service = query_service(classified.route)](
              const sim::World&, const sim::Caller& who, const http::HttpRequest& r,
              const std::string& id) { return sts::handle(service, who, r, id); });
    case Route::kEc2:
      break;
  }
  return answer_ec2(engine, request, caller);
}

// What the route's endpoint asks of a signature: its service's signing name (the scope's
// service), S3's rules, and a Region the Host names.
auth::Endpoint endpoint_of(const http::HttpRequest& request, Route route,
                           const std::function<bool(std::string_view)>& is_region) {
  auth::Endpoint e;
  e.service = route == Route::kS3             ? "s3"
              : route == Route::kSsm          ? "ssm"
              : route == Route::kCostExplorer ? "ce"
              : route == Route::kAccount      ? "account"
              : route == Route::kRbin         ? "rbin"
              : route == Route::kDlm          ? "dlm"
                                              : "ec2";
  if (route == Route::kSts || route == Route::kIam)
    e.service = std::string(sts::signing_name(query_service(route)));
  e.s3 = route == Route::kS3;
  e.host_region = region_in_host(request, is_region);
  return e;
}

// A request whose signature was refused: the route's protocol error, and no handler runs.
Answer answer_refused(Engine& engine, const http::HttpRequest& request, Route route,
                      const auth::AuthFailure& failure) {
  Answer a;
  a.request_id = engine.next_request_id();
  if (route == Route::kS3) {
    auto e = auth::s3_refusal(failure);
    a.error_code = e.error.code;
    a.response = s3::write_rest_error(e.error, e.details, request.method == "HEAD", a.request_id);
  } else if (route == Route::kSts || route == Route::kIam) {
    auto e = auth::ec2_refusal(failure);  // the Query protocol's codes; STS's envelope
    a.error_code = e.code;
    a.response = sts::error_reply(query_service(route), e, a.request_id);
  } else if (route == Route::kSsm || route == Route::kCostExplorer || route == Route::kAccount ||
             route == Route::kRbin || route == Route::kDlm) {
    auto e = auth::json_refusal(failure);
    a.error_code = e.code;
    a.response = protocol::aws_json_error(e, a.request_id);
  } else {
    auto e = auth::ec2_refusal(failure);
    a.error_code = e.code;
    a.response = xml_reply(e.http_status, protocol::write_error(e, a.request_id), a.request_id);
  }
  return a;
}

}  // namespace

Gateway::Gateway(std::shared_ptr<const sim::Fixtures> fixtures, GatewayOptions options)
    : is_region_([fixtures](std::string_view name) {
        return std::any_of(fixtures->regions.begin(), fixtures->regions.end(),
                           [name](const sim::RegionInfo& r) { return r.name.str() == name; });
      }),
      log_(std::move(options.log)),
      credentials_(std::move(options.credentials)),
      unix_time_ms_(std::move(options.unix_time_ms)),
      engine_(std::make_unique<Engine>(
          std::move(fixtures), EngineOptions{options.seed, options.clock, std::move(options.wall),
                                             std::move(options.state_file), options.journal_limit,
                                             options.snapshot_bytes_per_entry, options.picture})) {
  assert(!credentials_ || unix_time_ms_);  // a signature's time window needs the wall clock
}

Gateway::~Gateway() = default;

http::HttpResponse Gateway::handle(const http::HttpRequest& request) {
  try {
    Classified classified = classify(request, is_region_);
    std::optional<auth::AuthFailure> refused;
    if (credentials_ && classified.route != Route::kControl) {
      auto verified = auth::verify(request, endpoint_of(request, classified.route, is_region_),
                                   *credentials_, unix_time_ms_());
      if (verified.ok()) {
        classified.identity.caller.account = verified->credential.account;
      } else {
        refused = verified.error();
        classified.identity.caller.account = sim::AccountId{"-"};  // no account: "-" in the log
      }
    }
    std::lock_guard lock(mutex_);
    Answer a = refused ? answer_refused(*engine_, request, classified.route, *refused)
                       : answer(*engine_, request, classified);
    if (log_) log_(log_line(request, classified, a));
    if (a.response.stream) {
      // An event stream reads the engine on the server's later ticks: under the lock, like a call.
      a.response.stream = [this, more = std::move(a.response.stream)] {
        std::lock_guard later(mutex_);
        return more();
      };
    }
    return std::move(a.response);
  } catch (const std::exception& e) {
    // e.what() may quote input bytes: only what XML can carry goes into the reply.
    return http::xml_error_response(
        500, "InternalError",
        fmt::format("An internal error has occurred: {}", sim::to_xml_text(e.what())));
  }
}

protocol::WireResult<Json> Gateway::call(const sim::Caller& caller, std::string_view action,
                                         const Json& input) {
  std::lock_guard lock(mutex_);
  engine_->catch_up();
  return engine_->call(caller, action, input);
}

protocol::WireResult<Json> Gateway::call_s3(const sim::Caller& caller, std::string_view action,
                                            const Json& input) {
  std::lock_guard lock(mutex_);
  engine_->catch_up();
  return engine_->call_s3(caller, action, input);
}

void Gateway::reset(std::optional<std::uint64_t> seed) {
  std::lock_guard lock(mutex_);
  engine_->reset(seed);
}

protocol::WireResult<sim::TimeMs> Gateway::advance(sim::DurationMs by) {
  std::lock_guard lock(mutex_);
  return engine_->advance(by);
}

bool Gateway::set_clock(ClockSetting setting) {
  std::lock_guard lock(mutex_);
  return engine_->set_clock(setting);
}

ClockSetting Gateway::clock_setting() const {
  std::lock_guard lock(mutex_);
  return engine_->clock_setting();
}

sim::TimeMs Gateway::now() {
  std::lock_guard lock(mutex_);
  return engine_->now();
}

std::uint64_t Gateway::seed() const {
  std::lock_guard lock(mutex_);
  return engine_->seed();
}

protocol::WireResult<bool> Gateway::subscribe(const sim::AccountId& account,
                                              const std::string& code) {
  std::lock_guard lock(mutex_);
  return engine_->change_subscription(account, code, true);
}

protocol::WireResult<bool> Gateway::unsubscribe(const sim::AccountId& account,
                                                const std::string& code) {
  std::lock_guard lock(mutex_);
  return engine_->change_subscription(account, code, false);
}

Json Gateway::state_document() {
  std::lock_guard lock(mutex_);
  return engine_->state_document();
}

protocol::WireResult<bool> Gateway::load_state(const Json& document) {
  std::lock_guard lock(mutex_);
  return engine_->load_state(document);
}

std::string Gateway::save_state_file() {
  std::lock_guard lock(mutex_);
  return engine_->save_state_file();
}

const std::string& Gateway::state_file() const {
  std::lock_guard lock(mutex_);
  return engine_->state_file();
}

const sim::World& Gateway::world() const { return engine_->world(); }

const protocol::ServiceModel& Gateway::model() const { return engine_->model(); }

}  // namespace amisim::gateway
