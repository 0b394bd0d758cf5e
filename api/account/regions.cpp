// The Account API's Region operations (account.hpp): input checks as the service model states
// them (RegionName 1-50 characters, AccountId \d{12}, MaxResults 1-50, NextToken up to 1,000
// characters, RegionOptStatusContains of the RegionOptStatus enum), then sim/regions/opt_in.hpp.
#include <algorithm>
#include <exception>

#include "api/account/account.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/ids.hpp"
#include "sim/regions/opt_in.hpp"

namespace amisim::account {
namespace {

using protocol::WireResult;

// A failure while reading the input: carried out of the helpers below and answered as is.
struct Refusal {
  sim::Error error;
};
[[noreturn]] void refuse(sim::Error error) { throw Refusal{std::move(error)}; }

std::optional<std::string> opt_string(const Json& in, const char* key) {
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) refuse(sim::errors::account_field_invalid(key, "Expected a string"));
  return it->get<std::string>();
}

// AccountId, when given, must be the caller's own (amisim models no organizations).
void check_account_id(const Json& in, const sim::Caller& caller) {
  auto id = opt_string(in, "AccountId");
  if (!id) return;
  if (!sim::is_account_id(*id))
    refuse(sim::errors::account_field_invalid("accountId",
                                              "Member must satisfy regular "
                                              "expression pattern: \\d{12}"));
  if (*id != caller.account.str()) refuse(sim::errors::account_other_account(*id));
}

// RegionName: required, 1-50 characters, a Region of the partition.
sim::RegionName region_name(const sim::World& world, const Json& in) {
  auto name = opt_string(in, "RegionName");
  if (!name) refuse(sim::errors::account_field_invalid("regionName", "Member must not be null"));
  if (name->empty() || name->size() > 50)
    refuse(sim::errors::account_field_invalid(
        "regionName", "Member must have length between 1 and 50, inclusive"));
  sim::RegionName region(*name);
  if (!world.fixtures().find_region(region)) refuse(sim::errors::account_region_unknown(*name));
  return region;
}

Json region_json(const sim::World& world, const sim::Caller& caller, const sim::RegionName& r) {
  return {{"RegionName", r.str()},
          {"RegionOptStatus",
           sim::region_opt_status_name(sim::region_opt_status(world, caller.account, r))}};
}

constexpr std::string_view kStatuses[] = {"ENABLED", "ENABLING", "DISABLING", "DISABLED",
                                          "ENABLED_BY_DEFAULT"};

std::vector<std::string> status_filter(const Json& in) {
  std::vector<std::string> out;
  auto it = in.find("RegionOptStatusContains");
  if (it == in.end() || it->is_null()) return out;
  if (!it->is_array())
    refuse(sim::errors::account_field_invalid("regionOptStatusContains", "Expected a list"));
  for (const Json& v : *it) {
    bool known = false;
    for (auto s : kStatuses) known = known || (v.is_string() && v.get<std::string>() == s);
    if (!known)
      refuse(sim::errors::account_field_invalid(
          "regionOptStatusContains",
          "Member must satisfy enum value set: [ENABLED, ENABLING, DISABLING, DISABLED, "
          "ENABLED_BY_DEFAULT]"));
    out.push_back(v.get<std::string>());
  }
  return out;
}

long max_results(const Json& in) {
  auto it = in.find("MaxResults");
  if (it == in.end() || it->is_null()) return 50;  // [?] no default published: the maximum
  if (!it->is_number_integer() || it->get<long>() < 1 || it->get<long>() > 50)
    refuse(sim::errors::account_field_invalid(
        "maxResults", "Member must have value between 1 and 50, inclusive"));
  return it->get<long>();
}

// ListRegions: every Region of the partition by name, filtered by status, in pages whose
// NextToken is the name of the next Region [?] (AWS's tokens are opaque).
Json list_regions(const sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::vector<std::string> wanted = status_filter(in);
  const long max = max_results(in);
  const std::string token = opt_string(in, "NextToken").value_or("");
  if (token.size() > 1000 ||
      (!token.empty() && !world.fixtures().find_region(sim::RegionName(token))))
    refuse(sim::errors::account_next_token_invalid());
  Json regions = Json::array();
  std::string next;
  for (const auto& [name, state] : world.regions()) {
    if (!token.empty() && name.str() < token) continue;
    Json r = region_json(world, caller, name);
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(),
                                     r["RegionOptStatus"].get<std::string>()) == wanted.end())
      continue;
    if (static_cast<long>(regions.size()) == max) {
      next = name.str();
      break;
    }
    regions.push_back(std::move(r));
  }
  Json out = {{"Regions", regions}};
  if (!next.empty()) out["NextToken"] = next;
  return out;
}

Json run(sim::World& world, const sim::Caller& caller, std::string_view operation, const Json& in) {
  check_account_id(in, caller);
  if (operation == "ListRegions") return list_regions(world, caller, in);
  const sim::RegionName region = region_name(world, in);
  if (operation == "GetRegionOptStatus") return region_json(world, caller, region);
  sim::Status done = operation == "EnableRegion"
                         ? sim::enable_region(world, caller.account, region)
                         : sim::disable_region(world, caller.account, region);
  if (!done) refuse(done.error());
  return Json::object();
}

}  // namespace

WireResult<Json> call(sim::World& world, const sim::Caller& caller, std::string_view operation,
                      const Json& input) {
  if (!mutates(operation) && operation != "GetRegionOptStatus" && operation != "ListRegions")
    return protocol::WireError{"UnknownOperationException", "", 400};
  if (!sim::is_account_id(caller.account.str())) return protocol::wire_errors::auth_failure();
  static const Json kEmpty = Json::object();
  try {
    return run(world, caller, operation, input.is_object() ? input : kEmpty);
  } catch (const Refusal& r) {
    return protocol::to_wire(r.error);
  } catch (const std::exception& e) {
    return protocol::WireError{"InternalServerException", e.what(), 500};
  }
}

}  // namespace amisim::account
