#include "api/scenario/door.hpp"

#include <fmt/format.h>

#include "api/gateway/gateway.hpp"
#include "api/protocol/form_encoding.hpp"
#include "api/scenario/values.hpp"
#include "sim/core/time.hpp"
#include "sim/state/image.hpp"
#include "sim/state/instance.hpp"
#include "sim/state/snapshot.hpp"
#include "sim/state/volume.hpp"

namespace amisim::scenario {
namespace {

using Json = nlohmann::json;
using protocol::WireError;
using protocol::WireResult;

class InProcess final : public Door {
 public:
  InProcess(std::shared_ptr<const sim::Fixtures> fixtures, std::uint64_t seed, bool instant)
      : owned_(std::make_unique<gateway::Gateway>(std::move(fixtures), options(seed, instant))),
        gw_(*owned_) {}
  explicit InProcess(gateway::Gateway& gateway) : gw_(gateway) {}

  std::uint64_t seed() const override { return gw_.seed(); }
  sim::TimeMs now() override { return gw_.now(); }
  WireResult<Json> call(Service service, const sim::Caller& caller, std::string_view action,
                        const Json& params) override {
    if (service == Service::kSsm)  // SSM has no JSON door of its own: its HTTP handler, in process
      return client::ssm_reply(gw_.handle(client::ssm_request(caller, action, params)));
    if (service == Service::kAccount)  // so has the Account API (journaled by the gateway)
      return client::account_reply(gw_.handle(client::account_request(caller, action, params)));
    if (service == Service::kRbin)  // and the Recycle Bin's rules API
      return client::account_reply(gw_.handle(client::rbin_request(caller, action, params)));
    if (service == Service::kDlm)  // and Data Lifecycle Manager's
      return client::account_reply(gw_.handle(client::dlm_request(caller, action, params)));
    return service == Service::kS3 ? gw_.call_s3(caller, action, params)
                                   : gw_.call(caller, action, params);
  }
  WireResult<bool> advance(sim::DurationMs by) override {
    auto moved = gw_.advance(by);
    if (!moved) return moved.error();
    return true;
  }
  WireResult<bool> subscription(const sim::AccountId& account, const std::string& code,
                                bool subscribe) override {
    return subscribe ? gw_.subscribe(account, code) : gw_.unsubscribe(account, code);
  }
  WireResult<sim::Bill> bill(const sim::BillRequest& request) override {
    return sim::compute_bill(gw_.world(), request);
  }
  std::string state_digest() override { return gw_.world().digest(); }
  std::optional<Json> picture() override {
    http::HttpRequest get;
    get.method = "GET";
    get.target = "/_amisim/timeline";
    const http::HttpResponse reply = gw_.handle(get);
    if (reply.status != 200) return std::nullopt;
    Json out = Json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    if (out.is_discarded()) return std::nullopt;
    return out;
  }
  gateway::Gateway* gateway() override { return &gw_; }
  const sim::World* world() override { return &gw_.world(); }
  std::optional<std::map<std::string, std::string>> inventory() override {
    std::map<std::string, std::string> out;
    for (const auto& [name, r] : gw_.world().regions()) {
      const std::string where = " (" + name.str() + ")";
      for (const auto& [id, i] : r.instances)
        out[id.str()] = std::string(sim::to_string(i.state)) + where;
      for (const auto& [id, i] : r.images)
        out[id.str()] = std::string(sim::to_string(i.state)) + where;
      for (const auto& [id, v] : r.volumes)
        out[id.str()] = std::string(sim::to_string(v.state)) + where;
      for (const auto& [id, s] : r.snapshots) {
        std::string state(sim::to_string(s.state));
        if (s.storage_tier == "archive") state += ", archived";
        out[id.str()] = state + where;
      }
    }
    return out;
  }

 private:
  static gateway::GatewayOptions options(std::uint64_t seed, bool instant) {
    gateway::GatewayOptions g;
    g.seed = seed;
    g.clock.mode = instant ? gateway::ClockMode::kInstant : gateway::ClockMode::kManual;
    return g;
  }

  std::unique_ptr<gateway::Gateway> owned_;  // null when the caller keeps the gateway
  gateway::Gateway& gw_;
};

class Http final : public Door {
 public:
  Http(const client::Remote& remote, std::uint64_t seed) : remote_(remote), seed_(seed) {}

  std::uint64_t seed() const override { return seed_; }
  sim::TimeMs now() override {
    auto clock = remote_.control("GET", "/_amisim/clock");
    if (clock && clock->contains("now") && (*clock)["now"].is_string()) {
      if (auto t = sim::parse_iso8601((*clock)["now"].get<std::string>())) last_now_ = *t;
    }
    return last_now_;  // a failed read keeps the last time seen; the next call reports the error
  }
  WireResult<Json> call(Service service, const sim::Caller& caller, std::string_view action,
                        const Json& params) override {
    if (service == Service::kSsm) return remote_.ssm(caller, action, params);
    if (service == Service::kAccount) return remote_.account(caller, action, params);
    if (service == Service::kRbin) return remote_.rbin(caller, action, params);
    if (service == Service::kDlm) return remote_.dlm(caller, action, params);
    return service == Service::kS3 ? remote_.s3(caller, action, params)
                                   : remote_.ec2(caller, action, params);
  }
  WireResult<bool> advance(sim::DurationMs by) override {
    // Seconds with the milliseconds kept: the control plane takes a decimal.
    auto moved = remote_.control("POST", "/_amisim/clock/advance",
                                 {{"seconds", static_cast<double>(by) / 1000.0}});
    if (!moved) return moved.error();
    return true;
  }
  WireResult<bool> subscription(const sim::AccountId& account, const std::string& code,
                                bool subscribe) override {
    auto done = remote_.control(subscribe ? "POST" : "DELETE", "/_amisim/marketplace/subscriptions",
                                {{"account", account.str()}, {"productCode", code}});
    if (!done) return done.error();
    return true;
  }
  WireResult<sim::Bill> bill(const sim::BillRequest& request) override {
    std::string target =
        "/_amisim/billing?to=" + protocol::percent_encode(sim::format_iso8601(request.to));
    if (request.from)
      target += "&from=" + protocol::percent_encode(sim::format_iso8601(*request.from));
    if (request.account) target += "&account=" + request.account->str();
    auto reply = remote_.control("GET", target);
    if (!reply) return reply.error();
    return parse_bill(*reply, request);
  }
  std::string state_digest() override {
    auto state = remote_.control("GET", "/_amisim/state");
    if (!state || !state->contains("digest") || !(*state)["digest"].is_string()) return "";
    return (*state)["digest"].get<std::string>();
  }
  std::optional<Json> picture() override {
    auto timeline = remote_.control("GET", "/_amisim/timeline");
    if (!timeline || !timeline->is_object()) return std::nullopt;
    return *timeline;
  }

 private:
  static WireResult<sim::Bill> parse_bill(const Json& reply, const sim::BillRequest& request) {
    const WireError malformed{"amisim.Control", "GET /_amisim/billing answered another shape", 0};
    sim::Bill bill;
    bill.from = request.from;
    bill.to = request.to;
    if (!reply.is_object() || !reply.contains("total_usd") || !reply["total_usd"].is_string() ||
        !reply.contains("line_items") || !reply["line_items"].is_array())
      return malformed;
    auto total = parse_usd(reply["total_usd"].get<std::string>());
    if (!total) return malformed;
    bill.total = *total;
    for (const Json& item : reply["line_items"]) {
      if (!item.is_object()) return malformed;
      auto field = [&item](const char* key) {
        auto it = item.find(key);
        return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      auto cost = parse_usd(field("cost_usd"));
      if (!cost) return malformed;
      sim::BillLine line;
      line.account = sim::AccountId(field("account"));
      line.region = sim::RegionName(field("region"));
      line.usage_type = field("usage_type");
      line.resource_id = field("resource_id");
      line.unit = field("unit");
      line.cost = *cost;
      bill.lines.push_back(std::move(line));
    }
    return bill;
  }

  const client::Remote& remote_;
  std::uint64_t seed_;
  sim::TimeMs last_now_ = sim::kDefaultWorldStartMs;
};

}  // namespace

std::vector<std::string> inventory_changes(const std::map<std::string, std::string>& before,
                                           const std::map<std::string, std::string>& after,
                                           std::size_t limit) {
  std::vector<std::string> all;
  for (const auto& [id, state] : after) {
    auto was = before.find(id);
    if (was == before.end()) {
      all.push_back(fmt::format("+ {} {}", id, state));
    } else if (was->second != state) {
      // "pending (us-east-1)" -> "available (us-east-1)": the Region once, at the end.
      const auto region_at = state.rfind(" (");
      const bool same_region = region_at != std::string::npos &&
                               was->second.size() >= state.size() - region_at &&
                               was->second.compare(was->second.size() - (state.size() - region_at),
                                                   std::string::npos, state, region_at) == 0;
      all.push_back(same_region ? fmt::format("{} {} -> {}", id,
                                              was->second.substr(0, was->second.size() -
                                                                        (state.size() - region_at)),
                                              state)
                                : fmt::format("{} {} -> {}", id, was->second, state));
    }
  }
  for (const auto& [id, state] : before)
    if (after.count(id) == 0) all.push_back(fmt::format("- {} (was {})", id, state));
  if (all.size() > limit) {
    const std::size_t more = all.size() - (limit - 1);
    all.resize(limit - 1);
    all.push_back(fmt::format("... and {} more", more));
  }
  return all;
}

Service service_named(std::string_view name) {
  return name == "s3"        ? Service::kS3
         : name == "ssm"     ? Service::kSsm
         : name == "account" ? Service::kAccount
         : name == "rbin"    ? Service::kRbin
         : name == "dlm"     ? Service::kDlm
                             : Service::kEc2;
}

std::unique_ptr<Door> in_process_door(std::shared_ptr<const sim::Fixtures> fixtures,
                                      std::uint64_t seed, bool instant) {
  return std::make_unique<InProcess>(std::move(fixtures), seed, instant);
}

std::unique_ptr<Door> in_process_door(gateway::Gateway& gateway) {
  return std::make_unique<InProcess>(gateway);
}

sim::Result<std::unique_ptr<Door>, WireError> remote_door(const client::Remote& remote,
                                                          std::uint64_t seed, bool instant) {
  auto reset = remote.control("POST", "/_amisim/reset", {{"seed", seed}});
  if (!reset) return reset.error();
  auto clock = remote.control("POST", "/_amisim/clock", {{"mode", instant ? "instant" : "manual"}});
  if (!clock) return clock.error();
  std::unique_ptr<Door> door = std::make_unique<Http>(remote, seed);
  return door;
}

}  // namespace amisim::scenario
