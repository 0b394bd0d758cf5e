// The credit option of burstable performance instances: RunInstances' default, and
// Describe/ModifyInstanceCreditSpecification(s) (instances.hpp says which rules and sources).
#include <algorithm>

#include "sim/instances/detail.hpp"
#include "sim/instances/instances.hpp"

namespace amisim::sim {
namespace {

// The caller's instance `id`, or the error the API reports for it.
Result<Instance*> own_instance(RegionState& region, const Caller& caller, const std::string& id) {
  if (!is_well_formed_id("i", id)) return errors::instance_id_malformed(id);
  auto it = region.instances.find(InstanceId(id));
  if (it == region.instances.end() || it->second.owner != caller.account)
    return errors::instance_not_found(id);
  return &it->second;
}

std::optional<std::vector<std::string>> credit_filter_values(const Instance& i,
                                                             const std::string& name) {
  if (name == "instance-id") return std::vector<std::string>{i.id.str()};
  return std::nullopt;
}

Status check_credit_filters(const std::vector<Filter>& filters) {
  if (auto s = check_filters(filters); !s) return s;
  for (const auto& f : filters)
    if (f.name != "instance-id") return errors::invalid_filter(f.name);
  return ok_status();
}

// The instances named by `ids` (all unlimited ones of the caller's when empty): as
// DescribeInstances selects them, then none that never was burstable.
Result<std::vector<const Instance*>> credit_instances(const World& world, const Caller& caller,
                                                      const std::vector<std::string>& ids) {
  auto selected = detail::select_instances(world, caller, ids);
  if (!selected) return selected.error();
  std::vector<const Instance*> out;
  for (const Instance* i : *selected) {
    if (ids.empty() && i->cpu_credits != CpuCredits::kUnlimited) continue;
    if (i->cpu_credits == CpuCredits::kNone) return errors::credits_not_supported(i->instance_type);
    out.push_back(i);
  }
  return out;
}

}  // namespace

Result<CpuCredits> parse_cpu_credits(std::string_view value) {
  if (value == "standard") return CpuCredits::kStandard;
  if (value == "unlimited") return CpuCredits::kUnlimited;
  return errors::cpu_credits_invalid(value);
}

// RunInstances CreditSpecification: "Default: standard (T2 instances) or unlimited (T3/T3a/T4g
// instances)" (API reference).
CpuCredits default_cpu_credits(const InstanceTypeInfo& type) {
  if (!type.burstable_performance) return CpuCredits::kNone;
  return type.name.rfind("t2.", 0) == 0 ? CpuCredits::kStandard : CpuCredits::kUnlimited;
}

std::string_view to_string(CpuCredits credits) {
  switch (credits) {
    case CpuCredits::kStandard:
      return "standard";
    case CpuCredits::kUnlimited:
      return "unlimited";
    case CpuCredits::kNone:
      break;
  }
  return "";
}

Result<DescribeCreditsResult> describe_instance_credit_specifications(
    const World& world, const Caller& caller, const DescribeCreditsRequest& request) {
  if (auto s = check_credit_filters(request.filters); !s) return s.error();
  const PageRule& rule = kDescribeInstanceCreditSpecificationsPages;
  if (auto s = check_page_request(request.page, rule, !request.instance_ids.empty()); !s)
    return s.error();
  auto selected = credit_instances(world, caller, request.instance_ids);
  if (!selected) return selected.error();
  std::vector<const Instance*> matching;
  for (const Instance* i : *selected) {
    bool passes = true;
    for (const auto& f : request.filters)
      passes = passes && any_match(f.values, *credit_filter_values(*i, f.name));
    if (passes) matching.push_back(i);
  }
  auto key = [](const Instance* i) { return i->id.str(); };
  std::sort(matching.begin(), matching.end(),
            [&key](const Instance* a, const Instance* b) { return key(a) < key(b); });
  DescribeCreditsResult out;
  auto page = paginate(std::move(matching), request.page, rule, key, out.next_token);
  if (!page) return page.error();
  out.instances = std::move(*page);
  return out;
}

Result<ModifyCreditsResult> modify_instance_credit_specification(
    World& world, const Caller& caller, const std::vector<CreditChange>& changes, bool dry_run) {
  std::vector<CpuCredits> wanted;
  for (const auto& c : changes) {
    auto credits = parse_cpu_credits(c.cpu_credits);
    if (!credits) return credits.error();
    wanted.push_back(*credits);
  }
  RegionState& region = world.region_of(caller);
  ModifyCreditsResult out;
  std::vector<Instance*> targets(changes.size(), nullptr);
  for (std::size_t n = 0; n < changes.size(); ++n) {
    const std::string& id = changes[n].instance_id;
    auto instance = own_instance(region, caller, id);
    if (!instance) {
      out.unsuccessful.push_back({id, instance.error()});
    } else if ((*instance)->state == InstanceState::kTerminated ||
               (*instance)->state == InstanceState::kShuttingDown) {
      out.unsuccessful.push_back({id, errors::credits_incorrect_state(id)});
    } else if ((*instance)->cpu_credits == CpuCredits::kNone) {
      out.unsuccessful.push_back({id, errors::credits_not_supported((*instance)->instance_type)});
    } else {
      targets[n] = *instance;
    }
  }
  // The call succeeds whatever each instance's outcome, so a dry run of it does too.
  if (dry_run) return errors::dry_run();
  for (std::size_t n = 0; n < changes.size(); ++n) {
    if (!targets[n]) continue;
    targets[n]->cpu_credits = wanted[n];
    out.successful.push_back(changes[n].instance_id);
  }
  return out;
}

}  // namespace amisim::sim
