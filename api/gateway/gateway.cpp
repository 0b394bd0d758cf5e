#include "api/gateway/gateway.hpp"

#include <fmt/format.h>

#include <charconv>
#include <exception>

#include "api/ce/ce.hpp"
#include "api/control/control.hpp"
#include "api/ec2/dispatch.hpp"
#include "api/gateway/caller_identity.hpp"
#include "api/io/state_file.hpp"
#include "api/protocol/query_parser.hpp"
#include "api/protocol/xml_writer.hpp"
#include "api/s3/rest.hpp"
#include "api/s3/s3.hpp"
#include "api/ssm/ssm.hpp"
#include "sim/images/marketplace.hpp"
#include "sim/timeline.hpp"

namespace amisim::gateway {
namespace {

using ec2::Json;
using protocol::WireError;

constexpr std::string_view kStateFormat = "amisim-state/1";
// Request IDs come from their own allocator (seeded from the world's seed) so that answering a
// describe call never changes the world.
constexpr std::uint64_t kRequestIdSalt = 0x7265717565737473ULL;  // "requests"

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::unique_ptr<sim::World> new_world(const std::shared_ptr<const sim::Fixtures>& fixtures,
                                      std::uint64_t seed) {
  return std::make_unique<sim::World>(fixtures, sim::WorldOptions{.seed = seed});
}

sim::Caller caller_of(const Json& entry) {
  return {sim::AccountId{entry.value("account", std::string())},
          sim::RegionName{entry.value("region", std::string())}};
}

// Moves `world` to the entry's "at" and checks its caller; "" when it can be applied.
std::string prepare_call(sim::World& world, const Json& entry) {
  auto at = entry.find("at");
  if (at == entry.end() || !at->is_number_integer()) return "a call has no integer \"at\"";
  if (at->get<sim::TimeMs>() < world.now()) return "a call goes back in time";
  sim::advance_to(world, at->get<sim::TimeMs>());
  sim::Caller caller = caller_of(entry);
  if (world.region(caller.region) == nullptr) return "a call names an unknown Region";
  if (!sim::is_account_id(caller.account.str())) return "a call names a malformed account";
  return "";
}

// An S3 call ({"at", "account", "region", "s3": action, "input"}, the body base64).
std::string replay_s3(sim::World& world, const Json& entry, const Json& action) {
  if (!action.is_string() || !s3::mutates(action.get<std::string>()))
    return "\"s3\" names no changing S3 action";
  if (std::string problem = prepare_call(world, entry); !problem.empty()) return problem;
  auto input = s3::input_from_journal(entry.value("input", Json::object()));
  if (!input) return "an S3 call's BodyBase64 is not base64";
  // As for EC2 calls, the outcome is whatever it was when recorded (the digest checks it).
  (void)s3::call(world, caller_of(entry), action.get<std::string>(), *input);
  return "";
}

// Applies one journal entry to `world`; "" on success, else what is wrong with the entry.
std::string replay(sim::World& world, const Json& entry) {
  if (!entry.is_object()) return "an entry is not an object";
  if (auto it = entry.find("call"); it != entry.end()) {
    if (!it->is_string()) return "\"call\" is not a string";
    if (std::string problem = prepare_call(world, entry); !problem.empty()) return problem;
    sim::Caller caller = caller_of(entry);
    if (ec2::find_handler(it->get<std::string>()) == nullptr) return "a call names no action";
    // The outcome (success or an AWS error) is whatever it was when recorded: the model is
    // deterministic, and the digest check after the replay catches any difference.
    (void)ec2::call(world, caller, it->get<std::string>(), entry.value("input", Json::object()));
    return "";
  }
  if (auto it = entry.find("s3"); it != entry.end()) return replay_s3(world, entry, *it);
  if (auto it = entry.find("settle"); it != entry.end()) {
    sim::settle(world);
    return "";
  }
  if (auto it = entry.find("advance_to"); it != entry.end()) {
    if (!it->is_number_integer() || it->get<sim::TimeMs>() < world.now()) {
      return "\"advance_to\" is not a time at or after the previous one";
    }
    sim::advance_to(world, it->get<sim::TimeMs>());
    return "";
  }
  for (const char* kind : {"subscribe", "unsubscribe"}) {
    auto it = entry.find(kind);
    if (it == entry.end()) continue;
    auto account = entry.find("account");
    if (!it->is_string() || account == entry.end() || !account->is_string() ||
        !sim::is_account_id(account->get<std::string>())) {
      return fmt::format("\"{}\" needs a product code and a 12-digit \"account\"", kind);
    }
    sim::AccountId id{account->get<std::string>()};
    auto done = std::string_view(kind) == "subscribe"
                    ? sim::subscribe(world, id, it->get<std::string>())
                    : sim::unsubscribe(world, id, it->get<std::string>());
    if (!done) return done.error().message;
    return "";
  }
  if (auto it = entry.find("account"); it != entry.end()) {
    if (!it->is_string() || !sim::is_account_id(it->get<std::string>())) {
      return "\"account\" is not a 12-digit account ID";
    }
    world.ensure_account(sim::AccountId{it->get<std::string>()});
    return "";
  }
  return "an entry is none of call, s3, settle, advance_to, account, subscribe, unsubscribe";
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

// The read-only view of one account's resources in every Region, for people reading a state
// document. Built with the describe handlers, so it is in the SDK's shape.
Json account_view(sim::World& world, const sim::AccountId& account) {
  Json regions = Json::object();
  for (const auto& [name, region] : world.regions()) {
    sim::Caller caller{account, name};
    Json view = Json::object();
    auto put = [&](const char* action, const Json& input, const char* key) {
      auto out = ec2::call(world, caller, action, input);
      if (out.ok() && out.value().contains(key) && !out.value()[key].empty()) {
        view[key] = out.value()[key];
      }
    };
    put("DescribeImages",
        {{"Owners", {"self"}}, {"IncludeDeprecated", true}, {"IncludeDisabled", true}}, "Images");
    put("DescribeInstances", Json::object(), "Reservations");
    put("DescribeVolumes", Json::object(), "Volumes");
    put("DescribeSnapshots", {{"OwnerIds", {"self"}}}, "Snapshots");
    put("DescribeKeyPairs", Json::object(), "KeyPairs");
    put("DescribeSecurityGroups", Json::object(), "SecurityGroups");
    put("DescribeLaunchTemplates", Json::object(), "LaunchTemplates");
    if (!view.empty()) regions[name.str()] = std::move(view);
  }
  return regions;
}

}  // namespace

std::string ClockSetting::str() const {
  switch (mode) {
    case ClockMode::kInstant:
      return "instant";
    case ClockMode::kManual:
      return "manual";
    case ClockMode::kScaled:
      return fmt::format("scaled:{}", factor);
  }
  return "instant";
}

std::optional<ClockSetting> parse_clock_setting(std::string_view text) {
  if (text == "instant") return ClockSetting{ClockMode::kInstant, 1};
  if (text == "manual") return ClockSetting{ClockMode::kManual, 1};
  if (starts_with(text, "scaled:")) {
    std::string_view n = text.substr(7);
    std::uint32_t factor = 0;
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), factor);
    if (ec != std::errc() || end != n.data() + n.size() || factor < 1 || factor > 1'000'000) {
      return std::nullopt;
    }
    return ClockSetting{ClockMode::kScaled, factor};
  }
  return std::nullopt;
}

Gateway::Gateway(std::shared_ptr<const sim::Fixtures> fixtures, GatewayOptions options)
    : fixtures_(std::move(fixtures)),
      model_(protocol::ServiceModel::load_ec2()),
      options_(std::move(options)),
      world_(new_world(fixtures_, options_.seed)),
      request_ids_(options_.seed ^ kRequestIdSalt) {
  if (options_.clock.mode == ClockMode::kScaled && !options_.wall) {
    options_.clock = ClockSetting{};  // no wall clock to scale: behave as instant
  }
  anchor();
}

void Gateway::anchor() {
  anchor_model_ = world_->now();
  anchor_wall_ = options_.wall ? options_.wall() : 0;
}

void Gateway::catch_up() {
  if (options_.clock.mode != ClockMode::kScaled) return;
  std::int64_t elapsed = options_.wall() - anchor_wall_;
  if (elapsed <= 0) return;
  sim::TimeMs target = anchor_model_ + elapsed * static_cast<std::int64_t>(options_.clock.factor);
  if (target > world_->now()) {
    sim::advance_to(*world_, target);
    record({{"advance_to", target}});
  }
}

protocol::WireResult<Json> Gateway::call(const sim::Caller& caller, std::string_view action,
                                         const Json& input) {
  std::lock_guard lock(mutex_);
  catch_up();
  return call_locked(caller, action, input);
}

void Gateway::note_account(const sim::Caller& caller) {
  if (world_->region(caller.region) != nullptr && sim::is_account_id(caller.account.str()) &&
      !world_->has_account(caller.account)) {
    world_->ensure_account(caller.account);
    record({{"account", caller.account.str()}});
  }
}

void Gateway::settle_if_instant() {
  if (options_.clock.mode == ClockMode::kInstant && world_->clock().last_settling_time()) {
    sim::settle(*world_);
    record({{"settle", true}});
  }
}

protocol::WireResult<Json> Gateway::call_locked(const sim::Caller& caller, std::string_view action,
                                                const Json& input) {
  bool known_region = world_->region(caller.region) != nullptr;
  note_account(caller);
  bool dry_run = input.is_object() && input.contains("DryRun") && input["DryRun"].is_boolean() &&
                 input["DryRun"].get<bool>();
  bool journaled = known_region && ec2::mutates(action) && !dry_run;
  sim::TimeMs at = world_->now();
  auto result = ec2::call(*world_, caller, action, input);
  if (journaled) {
    record({{"at", at},
            {"account", caller.account.str()},
            {"region", caller.region.str()},
            {"call", action},
            {"input", input}});  // as given, even malformed: replay must fail the same way
    settle_if_instant();
  }
  return result;
}

protocol::WireResult<Json> Gateway::call_s3(const sim::Caller& caller, std::string_view action,
                                            const Json& input) {
  std::lock_guard lock(mutex_);
  catch_up();
  return call_s3_locked(caller, action, input);
}

protocol::WireResult<Json> Gateway::call_s3_locked(const sim::Caller& caller,
                                                   std::string_view action, const Json& input) {
  // Input that cannot be written as JSON text (not UTF-8) is refused without effect: not journaled.
  auto journal_input = s3::journal_input(input);
  bool journaled = world_->region(caller.region) != nullptr && s3::mutates(action) && journal_input;
  note_account(caller);
  sim::TimeMs at = world_->now();
  auto result = s3::call(*world_, caller, action, input);
  if (journaled) {
    record({{"at", at},
            {"account", caller.account.str()},
            {"region", caller.region.str()},
            {"s3", action},
            {"input", std::move(*journal_input)}});
    settle_if_instant();
  }
  return result;
}

http::HttpResponse Gateway::handle_s3(const http::HttpRequest& request) {
  catch_up();
  std::string request_id = request_ids_.next_request_id();
  auto identity = identify(request, [this](std::string_view name) {
    return world_->region(sim::RegionName{std::string(name)}) != nullptr;
  });
  s3::RestCall call = s3::parse_rest_request(request);
  protocol::WireResult<Json> result =
      call.error ? protocol::WireResult<Json>(*call.error)
                 : call_s3_locked(identity.caller, call.action, call.input);
  http::HttpResponse response = s3::write_rest_response(call, result, request_id);
  if (options_.log) {
    options_.log(fmt::format("{} s3 {} {} {} {} -> {}{}", request.remote,
                             call.action.empty() ? "-" : call.action, identity.caller.region.str(),
                             identity.caller.account.str(), request_id, response.status,
                             result.ok() ? "" : " " + result.error().code));
  }
  return response;
}

http::HttpResponse Gateway::handle(const http::HttpRequest& request) {
  std::lock_guard lock(mutex_);
  try {
    std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
    if (starts_with(path, "/_amisim/") || path == "/_amisim" || starts_with(path, "/moto-api/") ||
        starts_with(path, "/_localstack/")) {
      catch_up();
      http::HttpResponse r = handle_control_request(*this, request);
      if (options_.log) {
        options_.log(fmt::format("{} {} {} -> {}", request.remote, request.method, path, r.status));
      }
      return r;
    }
    if (ssm::is_ssm_request(request)) {
      // SSM public parameters (api/ssm/ssm.hpp): reads only, so no clock catch-up, no journal.
      std::string request_id = request_ids_.next_request_id();
      auto identity = identify(request, [this](std::string_view name) {
        return world_->region(sim::RegionName{std::string(name)}) != nullptr;
      });
      http::HttpResponse r = ssm::handle_ssm(*world_, identity.caller, request, request_id);
      if (options_.log) {
        options_.log(fmt::format("{} ssm {} {} {} -> {}", request.remote,
                                 identity.caller.region.str(), identity.caller.account.str(),
                                 request_id, r.status));
      }
      return r;
    }
    if (ce::is_ce_request(request)) {
      // Cost Explorer (api/ce/ce.hpp): reads only, like SSM.
      std::string request_id = request_ids_.next_request_id();
      auto identity = identify(request, [this](std::string_view name) {
        return world_->region(sim::RegionName{std::string(name)}) != nullptr;
      });
      http::HttpResponse r = ce::handle_ce(*world_, identity.caller, request, request_id);
      if (options_.log) {
        options_.log(fmt::format("{} ce {} {} -> {}", request.remote, identity.caller.account.str(),
                                 request_id, r.status));
      }
      return r;
    }
    if (s3::is_s3_request(request)) return handle_s3(request);
    return handle_ec2(request);
  } catch (const std::exception& e) {
    return http::xml_error_response(500, "InternalError",
                                    fmt::format("An internal error has occurred: {}", e.what()));
  }
}

http::HttpResponse Gateway::handle_ec2(const http::HttpRequest& request) {
  catch_up();
  std::string request_id = request_ids_.next_request_id();
  std::string form;
  if (auto q = request.target.find('?'); q != std::string::npos)
    form = request.target.substr(q + 1);
  if (request.method == "POST" && !request.body.empty()) {
    if (!form.empty()) form += '&';
    form += request.body;
  }
  auto identity = identify(request, [this](std::string_view name) {
    return world_->region(sim::RegionName{std::string(name)}) != nullptr;
  });
  auto parsed = protocol::parse_query(*model_, form);
  std::string action = parsed.ok() ? parsed.value().action : std::string();
  protocol::WireResult<Json> result =
      parsed.ok() ? call_locked(identity.caller, action, parsed.value().input)
                  : protocol::WireResult<Json>(parsed.error());
  http::HttpResponse response =
      result.ok()
          ? xml_reply(200, protocol::write_response(*model_, action, result.value(), request_id),
                      request_id)
          : xml_reply(result.error().http_status, protocol::write_error(result.error(), request_id),
                      request_id);
  if (options_.log) {
    options_.log(fmt::format("{} {} {} {} {} -> {}{}", request.remote,
                             action.empty() ? "-" : action, identity.caller.region.str(),
                             identity.caller.account.str(), request_id, response.status,
                             result.ok() ? "" : " " + result.error().code));
  }
  return response;
}

void Gateway::reset(std::optional<std::uint64_t> seed) {
  std::lock_guard lock(mutex_);
  if (seed) options_.seed = *seed;
  world_ = new_world(fixtures_, options_.seed);
  journal_ = Json::array();
  request_ids_ = sim::IdAllocator(options_.seed ^ kRequestIdSalt);
  anchor();
}

protocol::WireResult<sim::TimeMs> Gateway::advance(sim::DurationMs by) {
  std::lock_guard lock(mutex_);
  if (by < 0) {
    return WireError{"InvalidParameterValue", "The clock only moves forward.", 400};
  }
  catch_up();
  sim::TimeMs target = world_->now() + by;
  sim::advance_to(*world_, target);
  record({{"advance_to", target}});
  anchor();
  return world_->now();
}

void Gateway::set_clock(ClockSetting setting) {
  std::lock_guard lock(mutex_);
  catch_up();
  if (setting.mode == ClockMode::kScaled && !options_.wall) return;
  options_.clock = setting;
  anchor();
}

ClockSetting Gateway::clock_setting() const {
  std::lock_guard lock(mutex_);
  return options_.clock;
}

sim::TimeMs Gateway::now() {
  std::lock_guard lock(mutex_);
  catch_up();
  return world_->now();
}

std::uint64_t Gateway::seed() const {
  std::lock_guard lock(mutex_);
  return options_.seed;
}

protocol::WireResult<bool> Gateway::subscribe(const sim::AccountId& account,
                                              const std::string& code) {
  return change_subscription(account, code, true);
}

protocol::WireResult<bool> Gateway::unsubscribe(const sim::AccountId& account,
                                                const std::string& code) {
  return change_subscription(account, code, false);
}

protocol::WireResult<bool> Gateway::change_subscription(const sim::AccountId& account,
                                                        const std::string& code, bool subscribe) {
  std::lock_guard lock(mutex_);
  if (!sim::is_account_id(account.str())) {
    return WireError{"InvalidParameterValue",
                     fmt::format("\"{}\" is not a 12-digit account ID.", account.str()), 400};
  }
  if (!world_->fixtures().find_product(code)) {
    sim::Error e = sim::errors::unknown_marketplace_product(code);
    return WireError{std::string(e.name()), e.message, e.http_status()};
  }
  catch_up();
  // A new account is journaled first, as call_locked does, so the replay creates it in order.
  if (!world_->has_account(account)) {
    world_->ensure_account(account);
    record({{"account", account.str()}});
  }
  auto done =
      subscribe ? sim::subscribe(*world_, account, code) : sim::unsubscribe(*world_, account, code);
  if (!done) {
    return WireError{std::string(done.error().name()), done.error().message,
                     done.error().http_status()};
  }
  record({{subscribe ? "subscribe" : "unsubscribe", code}, {"account", account.str()}});
  return true;
}

Json Gateway::state_document() {
  std::lock_guard lock(mutex_);
  catch_up();
  Json accounts = Json::object();
  for (const auto& [id, account] : world_->accounts()) {
    if (!account.alias.empty()) continue;  // catalogue owners ("amazon"): fixture data
    accounts[id.str()] = account_view(*world_, id);
  }
  return {{"format", kStateFormat},
          {"seed", options_.seed},
          {"clock", {{"now", sim::format_iso8601(world_->now())}, {"mode", options_.clock.str()}}},
          {"digest", world_->digest()},
          {"journal", journal_},
          {"accounts", accounts}};
}

protocol::WireResult<bool> Gateway::load_state(const Json& document) {
  auto bad = [](std::string message) {
    return WireError{"InvalidStateDocument", std::move(message), 400};
  };
  if (!document.is_object()) return bad("The state document is not a JSON object.");
  if (document.value("format", std::string()) != kStateFormat) {
    return bad(fmt::format("The state document's \"format\" is not \"{}\".", kStateFormat));
  }
  auto seed = document.find("seed");
  if (seed == document.end() || !seed->is_number_unsigned()) {
    return bad("The state document has no non-negative integer \"seed\".");
  }
  auto journal = document.find("journal");
  if (journal == document.end() || !journal->is_array()) {
    return bad("The state document has no \"journal\" list.");
  }
  auto world = new_world(fixtures_, seed->get<std::uint64_t>());
  for (std::size_t i = 0; i < journal->size(); ++i) {
    std::string problem;
    try {
      problem = replay(*world, (*journal)[i]);
    } catch (const std::exception& e) {
      problem = e.what();
    }
    if (!problem.empty()) return bad(fmt::format("Journal entry {}: {}.", i, problem));
  }
  if (auto digest = document.find("digest"); digest != document.end()) {
    if (!digest->is_string() || digest->get<std::string>() != world->digest()) {
      return bad(
          "The journal does not rebuild the world the document describes (digest "
          "mismatch): it was edited, or written by another amisim version.");
    }
  }
  std::lock_guard lock(mutex_);
  options_.seed = seed->get<std::uint64_t>();
  world_ = std::move(world);
  journal_ = *journal;
  anchor();
  return true;
}

std::string Gateway::save_state_file() {
  std::lock_guard lock(mutex_);
  if (options_.state_file.empty()) return "amisim was started without --state FILE";
  return io::write_file_atomically(options_.state_file, state_document().dump(1) + "\n");
}

}  // namespace amisim::gateway
