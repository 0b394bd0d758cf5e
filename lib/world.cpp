// amisim::World (include/amisim/world.hpp): the public surface over the gateway's in-process
// doors (api/gateway, api/scenario/door.hpp), the bill (sim/billing) and the state digest.
#include "amisim/world.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "api/gateway/gateway.hpp"
#include "api/io/fixtures.hpp"
#include "api/protocol/query_writer.hpp"
#include "api/protocol/wire_error.hpp"
#include "api/scenario/door.hpp"
#include "lib/build.hpp"
#include "sim/billing/billing.hpp"
#include "sim/core/ids.hpp"
#include "sim/core/time.hpp"

namespace amisim {
namespace {

using Json = nlohmann::json;

// The embedded fixtures, parsed once per process and shared by every World: read-only data
// (CONVENTIONS.md, habit 14), so sharing them is safe across threads.
const std::shared_ptr<const sim::Fixtures>& shared_fixtures() {
  static const std::shared_ptr<const sim::Fixtures> fixtures = io::load_fixtures();
  return fixtures;
}

gateway::GatewayOptions gateway_options(const WorldOptions& options) {
  gateway::GatewayOptions g;
  g.seed = options.seed;
  g.clock.mode = options.clock == ClockMode::kInstant ? gateway::ClockMode::kInstant
                                                      : gateway::ClockMode::kManual;
  g.picture = false;  // no live page here: the picture would only cost time and memory
  return g;
}

// The services a World reaches: the in-process door's (api/scenario/door.hpp), by the names
// scenario files give them.
std::optional<scenario::Service> service_of(std::string_view name) {
  static constexpr std::pair<std::string_view, scenario::Service> kServices[] = {
      {"ec2", scenario::Service::kEc2},   {"s3", scenario::Service::kS3},
      {"ssm", scenario::Service::kSsm},   {"account", scenario::Service::kAccount},
      {"rbin", scenario::Service::kRbin}, {"dlm", scenario::Service::kDlm}};
  for (const auto& [text, service] : kServices)
    if (text == name) return service;
  return std::nullopt;
}

Time to_time(sim::TimeMs t) { return Time(std::chrono::milliseconds(t)); }
sim::TimeMs from_time(Time t) { return t.time_since_epoch().count(); }

CallResult failure(Error error) { return CallResult{"", std::move(error)}; }

BillLine public_line(const sim::BillLine& line) {
  return BillLine{line.account.str(), line.region.str(), line.usage_type, line.resource_id,
                  line.unit,          line.usage_micro,  line.cost};
}

}  // namespace

struct World::Impl {
  explicit Impl(const WorldOptions& options)
      : fixtures(shared_fixtures()),
        gateway(fixtures, gateway_options(options)),
        door(scenario::in_process_door(gateway)) {}

  std::shared_ptr<const sim::Fixtures> fixtures;
  gateway::Gateway gateway;
  std::unique_ptr<scenario::Door> door;  // onto `gateway`: every service, as scenarios reach them
};

World::World(WorldOptions options) : impl_(std::make_unique<Impl>(options)) {}
World::~World() = default;
World::World(World&&) noexcept = default;
World& World::operator=(World&&) noexcept = default;

CallResult World::call(std::string_view service, std::string_view action, std::string_view request,
                       const Caller& caller) {
  const std::optional<scenario::Service> known = service_of(service);
  if (!known) {
    return failure({"amisim.UnknownService",
                    "amisim has no service \"" + std::string(service) +
                        "\" (there are: ec2, s3, ssm, account, rbin, dlm)",
                    400});
  }
  const Json input = Json::parse(request, nullptr, /*allow_exceptions=*/false);
  if (input.is_discarded() || !input.is_object())
    return failure({"amisim.InvalidJson", "The request is not a JSON object.", 400});
  // Over HTTP a malformed access key is the default account; a C++ caller names the account
  // outright, so one that is not an account ID is refused as EC2 refuses bad credentials.
  if (!sim::is_account_id(caller.account))
    return failure(lib::to_public(protocol::wire_errors::auth_failure()));
  // EC2's input checked against the service model, as the query parser checks it over HTTP (and
  // the SDKs before they send): a member the operation does not have is UnknownParameter, a value
  // of the wrong type InvalidParameterValue, rather than ignored.
  if (*known == scenario::Service::kEc2) {
    auto form = protocol::write_query(impl_->gateway.model(), action, input);
    if (!form.ok()) return failure(lib::to_public(form.error()));
  }
  const sim::Caller who{sim::AccountId(caller.account), sim::RegionName(caller.region)};
  auto result = impl_->door->call(*known, who, action, input);
  if (!result.ok()) return failure(lib::to_public(result.error()));
  return CallResult{result.value().dump(-1, ' ', false, Json::error_handler_t::replace), {}};
}

void World::advance(std::chrono::milliseconds by) {
  if (by.count() < 0) throw std::invalid_argument("amisim::World::advance: a negative duration");
  // The gateway refuses only a negative duration, refused above.
  [[maybe_unused]] auto moved = impl_->gateway.advance(by.count());
}

Time World::now() const { return to_time(impl_->gateway.now()); }

std::uint64_t World::seed() const { return impl_->gateway.seed(); }

Bill World::bill(const BillWindow& window) const {
  sim::BillRequest request;
  if (window.from) request.from = from_time(*window.from);
  request.to = window.to ? from_time(*window.to) : impl_->gateway.now();
  if (window.account) request.account = sim::AccountId(*window.account);
  const sim::Bill computed = sim::compute_bill(impl_->gateway.world(), request);
  Bill out;
  if (computed.from) out.from = to_time(*computed.from);
  out.to = to_time(computed.to);
  out.total_micro_usd = computed.total;
  for (const auto& line : computed.lines) out.lines.push_back(public_line(line));
  return out;
}

std::string World::digest() const { return impl_->gateway.world().digest(); }

BuildResult World::build(const WorldPlan& plan) {
  return lib::build_plan(impl_->gateway, impl_->fixtures, plan);
}

std::string format_time(Time t) { return sim::format_iso8601(from_time(t)); }

std::optional<Time> parse_time(std::string_view text) {
  auto t = sim::parse_iso8601(text);
  if (!t) return std::nullopt;
  return to_time(*t);
}

}  // namespace amisim
