// DescribeVolumes: the caller's volumes in the caller's Region, by ID and filters, paged.
#include <algorithm>
#include <array>
#include <string_view>

#include "sim/ebs/volumes.hpp"

namespace amisim::sim {
namespace {

// Filter names EC2 documents for DescribeVolumes (EC2 API reference, DescribeVolumes Filter.N).
constexpr std::array<std::string_view, 14> kVolumeFilters{"volume-id",
                                                          "status",
                                                          "availability-zone",
                                                          "size",
                                                          "snapshot-id",
                                                          "volume-type",
                                                          "attachment.instance-id",
                                                          "attachment.device",
                                                          "attachment.status",
                                                          "encrypted",
                                                          "attachment.delete-on-termination",
                                                          "attachment.attach-time",
                                                          "create-time",
                                                          "tag-key"};

bool known_filter(const std::string& name) {
  if (name.rfind("tag:", 0) == 0) return true;
  return std::find(kVolumeFilters.begin(), kVolumeFilters.end(), name) != kVolumeFilters.end();
}

std::string bool_text(bool b) { return b ? "true" : "false"; }

std::vector<std::string> attachment_field(const Volume& v, const std::string& name) {
  if (!v.attachment) return {};
  const VolumeAttachment& a = *v.attachment;
  if (name == "attachment.instance-id") return {a.instance_id.str()};
  if (name == "attachment.device") return {a.device};
  if (name == "attachment.status") return {a.state};
  if (name == "attachment.attach-time") return {format_iso8601(a.attach_time)};
  return {bool_text(a.delete_on_termination)};  // attachment.delete-on-termination
}

// The values a filter compares against (several for tag-key).
std::vector<std::string> field(const Volume& v, const std::string& name) {
  if (name == "volume-id") return {v.id.str()};
  if (name == "status") return {std::string(to_string(v.state))};
  if (name == "availability-zone") return {v.zone.str()};
  if (name == "size") return {std::to_string(v.size_gib)};
  if (name == "snapshot-id") return {v.snapshot_id ? v.snapshot_id->str() : ""};
  if (name == "volume-type") return {v.volume_type};
  if (name == "encrypted") return {bool_text(v.encrypted)};
  if (name == "create-time") return {format_iso8601(v.create_time)};
  if (name.rfind("attachment.", 0) == 0) return attachment_field(v, name);
  std::vector<std::string> out;
  if (name == "tag-key") {
    for (const auto& [k, value] : v.tags) out.push_back(k);
  } else if (auto it = v.tags.find(name.substr(4)); it != v.tags.end()) {  // tag:<key>
    out.push_back(it->second);
  }
  return out;
}

bool matches(const Volume& v, const std::vector<Filter>& filters) {
  for (const auto& f : filters) {
    if (!any_match(f.values, field(v, f.name))) return false;
  }
  return true;
}

Status check_request(const DescribeVolumesRequest& request) {
  if (auto ok = check_filters(request.filters); !ok) return ok;
  for (const auto& f : request.filters) {
    if (!known_filter(f.name)) return errors::invalid_filter(f.name);
  }
  if (auto ok =
          check_page_request(request.page, kDescribeVolumesPages, !request.volume_ids.empty());
      !ok)
    return ok;
  for (const auto& id : request.volume_ids) {
    if (!is_well_formed_id("vol", id.str())) return errors::volume_id_malformed(id.str());
  }
  return ok_status();
}

// The volumes in scope: the named ones (each must be the caller's), or all the caller's.
Result<std::vector<const Volume*>> scope(const World& world, const Caller& caller,
                                         const std::vector<VolumeId>& ids) {
  std::vector<const Volume*> out;
  if (!ids.empty()) {
    for (const auto& id : ids) {
      const Volume* v = find_volume(world, caller, id);
      if (!v) return errors::volume_not_found(id.str());
      out.push_back(v);
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  for (const auto& [id, v] : world.region_of(caller).volumes) {
    if (v.owner == caller.account && v.state != VolumeState::kDeleted) out.push_back(&v);
  }
  return out;
}

}  // namespace

Result<DescribeVolumesResult> describe_volumes(const World& world, const Caller& caller,
                                               const DescribeVolumesRequest& request) {
  if (auto ok = check_request(request); !ok) return ok.error();
  auto in_scope = scope(world, caller, request.volume_ids);
  if (!in_scope) return in_scope.error();
  std::vector<const Volume*> found;
  for (const Volume* v : *in_scope) {
    if (matches(*v, request.filters)) found.push_back(v);
  }
  DescribeVolumesResult result;
  auto page = paginate(
      std::move(found), request.page, kDescribeVolumesPages,
      [](const Volume* v) { return v->id.str(); }, result.next_token);
  if (!page) return page.error();
  result.volumes = std::move(*page);
  return result;
}

}  // namespace amisim::sim
