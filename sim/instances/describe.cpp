// DescribeInstances and DescribeInstanceStatus, and the index of instances' tags the first reads.
// Reads never change state (DESIGN.md, Time).
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "sim/instances/detail.hpp"
#include "sim/instances/instances.hpp"
#include "sim/network/network.hpp"

namespace amisim::sim {
namespace {

// The values an instance has for one filter name, or nullopt for a name DescribeInstances does
// not support. Names from APIREF:DescribeInstances. `region` (the instance's) names its security
// groups; nullptr only when the names are being checked.
std::optional<std::vector<std::string>> instance_filter_values(const Instance& i,
                                                               const RegionState* region,
                                                               const std::string& name) {
  using V = std::vector<std::string>;
  // First: tag filters are what scans of many instances use most (issue 19 §3).
  if (name.rfind("tag:", 0) == 0) {
    auto it = i.tags.find(name.substr(4));
    return it == i.tags.end() ? V{} : V{it->second};
  }
  if (name == "dns-name")
    return i.public_ip.empty() ? V{} : V{public_dns_name(i.region, i.public_ip)};
  if (name == "private-dns-name" || name == "network-interface.private-dns-name")
    return i.private_ip.empty() ? V{} : V{private_dns_name(i.region, i.private_ip)};
  if (name == "state-reason-code") return V{i.state_reason_code};
  if (name == "source-dest-check") return V{i.source_dest_check ? "true" : "false"};
  if (name == "instance.group-name" || name == "group-name") {
    V out;
    for (const auto& g : i.security_groups) {
      if (region == nullptr) break;
      auto it = region->security_groups.find(g);
      if (it != region->security_groups.end()) out.push_back(it->second.name);
    }
    return out;
  }
  if (name == "instance-id") return V{i.id.str()};
  if (name == "instance-state-name") return V{std::string(to_string(i.state))};
  if (name == "instance-state-code") return V{std::to_string(state_code(i.state))};
  if (name == "image-id") return V{i.image_id.str()};
  if (name == "availability-zone") return V{i.zone.str()};
  if (name == "instance-type") return V{i.instance_type};
  if (name == "key-name") return V{i.key_name};
  if (name == "reservation-id") return V{i.reservation_id.str()};
  if (name == "architecture") return V{i.traits.architecture};
  if (name == "owner-id") return V{i.owner.str()};
  if (name == "vpc-id") return V{i.vpc_id.str()};
  if (name == "subnet-id") return V{i.subnet_id.str()};
  if (name == "network-interface.network-interface-id") return V{i.network_interface.str()};
  if (name == "private-ip-address") return V{i.private_ip};
  if (name == "ip-address") return V{i.public_ip};
  if (name == "root-device-name") return V{i.traits.root_device_name};
  if (name == "root-device-type") return V{"ebs"};
  if (name == "ami-launch-index") return V{std::to_string(i.ami_launch_index)};
  if (name == "platform-details") return V{i.traits.platform_details};
  if (name == "client-token") return V{i.client_token};
  if (name.rfind("metadata-options.", 0) == 0) {
    const InstanceMetadataOptions& m = i.metadata_options;
    const std::string option = name.substr(17);
    if (option == "http-tokens") return V{m.tokens_required ? "required" : "optional"};
    if (option == "http-put-response-hop-limit") return V{std::to_string(m.hop_limit)};
    if (option == "http-endpoint") return V{m.endpoint_enabled ? "enabled" : "disabled"};
    if (option == "instance-metadata-tags") return V{m.tags_enabled ? "enabled" : "disabled"};
    return std::nullopt;
  }
  if (name == "monitoring-state") return V{i.detailed_monitoring ? "enabled" : "disabled"};
  if (name == "instance.group-id" || name == "group-id") {
    V out;
    for (const auto& g : i.security_groups) out.push_back(g.str());
    return out;
  }
  if (name == "tag-key" || name == "tag-value") {
    V out;
    for (const auto& [k, v] : i.tags) out.push_back(name == "tag-key" ? k : v);
    return out;
  }
  return std::nullopt;
}

// The status-check result of an instance: initializing until ready, then ok; not-applicable
// unless running.
std::string check_status(const Instance& i, TimeMs now) {
  if (i.state != InstanceState::kRunning) return "not-applicable";
  return i.ready_at && now < *i.ready_at ? "initializing" : "ok";
}

std::optional<std::vector<std::string>> status_filter_values(const Instance& i,
                                                             const std::string& name, TimeMs now) {
  using V = std::vector<std::string>;
  if (name == "instance-id") return V{i.id.str()};
  if (name == "availability-zone") return V{i.zone.str()};
  if (name == "instance-state-name") return V{std::string(to_string(i.state))};
  if (name == "instance-state-code") return V{std::to_string(state_code(i.state))};
  if (name == "instance-status.status" || name == "system-status.status")
    return V{check_status(i, now)};
  return std::nullopt;
}

// Checks every filter name once (InvalidFilter), then whether `i` passes all of them.
template <class ValuesFn>
Status check_filter_names(const std::vector<Filter>& filters, ValuesFn values) {
  if (auto s = check_filters(filters); !s) return s;
  for (const auto& f : filters) {
    if (!values(f.name)) return errors::invalid_filter(f.name);
  }
  return ok_status();
}

template <class ValuesFn>
bool passes(const std::vector<Filter>& filters, ValuesFn values) {
  for (const auto& f : filters) {
    if (!any_match(f.values, *values(f.name))) return false;
  }
  return true;
}

// Page order: reservations together, instances in launch order within each.
std::string page_key(const Instance* i) {
  return fmt::format("{}|{:06}", i->reservation_id.str(), i->ami_launch_index);
}

// The caller's instances a "tag:<key>" filter can match, from RegionState::instance_tags: for each
// value pattern, the key's values that begin with the pattern's literal prefix (issue 19 §3: a
// tag filter over 100,000 instances reads the few it names, not all of them). Every filter is
// still applied to each one afterwards. nullopt when no filter is a tag:<key> filter.
std::optional<std::vector<const Instance*>> tagged_instances(const RegionState& region,
                                                             const Caller& caller,
                                                             const std::vector<Filter>& filters) {
  for (const Filter& f : filters) {
    if (f.name.rfind("tag:", 0) != 0) continue;
    const std::string key = f.name.substr(4);
    std::vector<const Instance*> out;
    for (const std::string& pattern : f.values) {
      const std::string prefix = literal_prefix(pattern);
      for (auto it = region.instance_tags.lower_bound({key, prefix, InstanceId()});
           it != region.instance_tags.end() && std::get<0>(*it) == key &&
           std::get<1>(*it).compare(0, prefix.size(), prefix) == 0;
           ++it) {
        auto found = region.instances.find(std::get<2>(*it));
        if (found != region.instances.end() && found->second.owner == caller.account)
          out.push_back(&found->second);
      }
    }
    // Several patterns can name one instance; the page's own order is made later (page_key).
    std::sort(out.begin(), out.end(),
              [](const Instance* a, const Instance* b) { return a->id < b->id; });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  return std::nullopt;
}

std::vector<ReservationView> group_by_reservation(const std::vector<const Instance*>& page) {
  std::vector<ReservationView> out;
  for (const Instance* i : page) {
    if (out.empty() || out.back().reservation_id != i->reservation_id)
      out.push_back(ReservationView{i->reservation_id, i->owner, {}});
    out.back().instances.push_back(i);
  }
  return out;
}

}  // namespace

void index_tags(RegionState& region, const Instance& instance) {
  for (const auto& [key, value] : instance.tags)
    region.instance_tags.emplace(key, value, instance.id);
}

void unindex_tags(RegionState& region, const Instance& instance) {
  for (const auto& [key, value] : instance.tags)
    region.instance_tags.erase({key, value, instance.id});
}

void rebuild_tag_index(RegionState& region) {
  region.instance_tags.clear();
  for (const auto& [id, instance] : region.instances) index_tags(region, instance);
}

namespace detail {

Result<std::vector<const Instance*>> select_instances(const World& world, const Caller& caller,
                                                      const std::vector<std::string>& ids) {
  const RegionState& region = world.region_of(caller);
  std::vector<const Instance*> out;
  if (ids.empty()) {
    for (const auto& [id, instance] : region.instances)
      if (instance.owner == caller.account) out.push_back(&instance);
    return out;
  }
  std::set<std::string> wanted;
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    if (!is_well_formed_id("i", id)) return errors::instance_id_malformed(id);
    if (!wanted.insert(id).second) continue;
    auto it = region.instances.find(InstanceId(id));
    if (it == region.instances.end())
      missing.push_back(id);
    else if (it->second.owner == caller.account)
      out.push_back(&it->second);
  }
  if (!missing.empty()) return errors::instances_not_found(missing);
  return out;
}

}  // namespace detail

Result<DescribeInstancesResult> describe_instances(const World& world, const Caller& caller,
                                                   const DescribeInstancesRequest& request) {
  const RegionState* region = world.region(caller.region);
  auto values_of = [region](const Instance& i) {
    return
        [&i, region](const std::string& name) { return instance_filter_values(i, region, name); };
  };
  static const Instance kProbe;
  if (auto s = check_filter_names(request.filters, values_of(kProbe)); !s) return s.error();
  if (auto s =
          check_page_request(request.page, kDescribeInstancesPages, !request.instance_ids.empty());
      !s)
    return s.error();
  std::optional<std::vector<const Instance*>> tagged;
  if (request.instance_ids.empty() && region != nullptr)
    tagged = tagged_instances(*region, caller, request.filters);
  auto selected = tagged ? Result<std::vector<const Instance*>>(std::move(*tagged))
                         : detail::select_instances(world, caller, request.instance_ids);
  if (!selected) return selected.error();
  std::vector<const Instance*> matching;
  for (const Instance* i : *selected) {
    if (passes(request.filters, values_of(*i))) matching.push_back(i);
  }
  // Each key made once, not at every comparison of the sort.
  std::vector<std::pair<std::string, const Instance*>> keyed;
  keyed.reserve(matching.size());
  for (const Instance* i : matching) keyed.emplace_back(page_key(i), i);
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  DescribeInstancesResult out;
  auto page = paginate(
      std::move(keyed), request.page, kDescribeInstancesPages,
      [](const auto& k) { return k.first; }, out.next_token);
  if (!page) return page.error();
  std::vector<const Instance*> instances;
  instances.reserve(page->size());
  for (const auto& k : *page) instances.push_back(k.second);
  out.reservations = group_by_reservation(instances);
  return out;
}

Result<DescribeInstanceStatusResult> describe_instance_status(
    const World& world, const Caller& caller, const DescribeInstanceStatusRequest& request) {
  const TimeMs now = world.now();
  auto values_of = [now](const Instance& i) {
    return [&i, now](const std::string& name) { return status_filter_values(i, name, now); };
  };
  static const Instance kProbe;
  if (auto s = check_filter_names(request.filters, values_of(kProbe)); !s) return s.error();
  if (auto s = check_page_request(request.page, kDescribeInstanceStatusPages,
                                  !request.instance_ids.empty());
      !s)
    return s.error();
  auto selected = detail::select_instances(world, caller, request.instance_ids);
  if (!selected) return selected.error();
  std::vector<const Instance*> matching;
  for (const Instance* i : *selected) {
    // Without IncludeAllInstances only running instances are described (APIREF).
    if (!request.include_all_instances && i->state != InstanceState::kRunning) continue;
    if (passes(request.filters, values_of(*i))) matching.push_back(i);
  }
  DescribeInstanceStatusResult out;
  auto key = [](const Instance* i) { return i->id.str(); };
  std::sort(matching.begin(), matching.end(),
            [&key](const Instance* a, const Instance* b) { return key(a) < key(b); });
  auto page = paginate(std::move(matching), request.page, kDescribeInstanceStatusPages, key,
                       out.next_token);
  if (!page) return page.error();
  for (const Instance* i : *page) {
    const std::string status = check_status(*i, now);
    out.statuses.push_back(InstanceStatus{i, status, status});
  }
  return out;
}

}  // namespace amisim::sim
