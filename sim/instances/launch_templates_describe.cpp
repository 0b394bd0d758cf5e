// DescribeLaunchTemplates and DescribeLaunchTemplateVersions: explicit IDs/names/versions must
// exist, filters narrow, pages cut.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>

#include "sim/instances/launch_templates.hpp"

namespace amisim::sim {
namespace {

using Values = std::vector<std::string>;

// APIREF DescribeLaunchTemplates Filter.N: create-time, launch-template-name, tag:<key>, tag-key.
std::optional<Values> template_filter_values(const LaunchTemplate& lt, const std::string& name) {
  if (name == "create-time") return Values{format_iso8601(lt.create_time)};
  if (name == "launch-template-name") return Values{lt.name};
  return tag_filter_values(lt.tags, name);
}

// The modelled part of APIREF DescribeLaunchTemplateVersions Filter.N.
std::optional<Values> version_filter_values(const LaunchTemplate& lt,
                                            const LaunchTemplateVersion& v,
                                            const std::string& name) {
  const LaunchTemplateData& d = v.data;
  if (name == "create-time") return Values{format_iso8601(v.create_time)};
  if (name == "image-id") return d.image_id ? Values{*d.image_id} : Values{};
  if (name == "instance-type") return d.instance_type ? Values{*d.instance_type} : Values{};
  if (name == "key-name") return d.key_name ? Values{*d.key_name} : Values{};
  if (name == "is-default-version")
    return Values{v.number == lt.default_version ? "true" : "false"};
  return std::nullopt;
}

template <class ValuesFn>
bool passes(const std::vector<Filter>& filters, ValuesFn values) {
  return std::all_of(filters.begin(), filters.end(),
                     [&](const Filter& f) { return any_match(f.values, *values(f.name)); });
}

Status check_explicit_templates(const World& world, const Caller& caller,
                                const DescribeLaunchTemplatesRequest& r) {
  for (const auto& id : r.ids) {
    auto found = find_launch_template(world, caller, {id, ""});
    if (!found) return found.error();
  }
  for (const auto& name : r.names) {
    auto found = find_launch_template(world, caller, {"", name});
    if (!found) return found.error();
  }
  return ok_status();
}

// Page keys: template ID, then the version newest first (a fixed-width complement).
std::string version_key(const LaunchTemplateVersionView& v) {
  return fmt::format("{}/{:019}", v.launch_template->id.str(), INT64_MAX - v.version->number);
}

Result<std::pair<std::int64_t, std::int64_t>> numbers_in_range(const std::string& min,
                                                               const std::string& max) {
  std::int64_t lo = 1;
  std::int64_t hi = INT64_MAX;
  for (const auto* text : {&min, &max}) {
    if (text->empty()) continue;
    const bool digits =
        std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || text->size() > 18) return errors::version_bound_invalid(*text);
    (text == &min ? lo : hi) = std::stoll(*text);
  }
  return std::pair<std::int64_t, std::int64_t>{lo, hi};
}

// The chosen versions of one template, newest first.
Result<std::vector<LaunchTemplateVersionView>> versions_of(
    const LaunchTemplate& lt, const DescribeLaunchTemplateVersionsRequest& r) {
  std::set<std::int64_t> chosen;
  for (const auto& text : r.versions) {
    auto v = find_launch_template_version(lt, text);
    if (!v) return v.error();
    chosen.insert((*v)->number);
  }
  const bool ranged = !r.min_version.empty() || !r.max_version.empty();
  auto bounds = numbers_in_range(r.min_version, r.max_version);
  if (!bounds) return bounds.error();
  const auto [lo, hi] = *bounds;
  std::vector<LaunchTemplateVersionView> out;
  for (auto it = lt.versions.rbegin(); it != lt.versions.rend(); ++it) {
    const std::int64_t n = it->first;
    const bool all = r.versions.empty() && !ranged;
    if (all || chosen.count(n) || (ranged && n >= lo && n <= hi)) out.push_back({&lt, &it->second});
  }
  return out;
}

// Without a template: each of the caller's templates' $Latest and/or $Default (APIREF: "describe
// all the latest versions or all the default versions of all the launch templates").
Result<std::vector<LaunchTemplateVersionView>> aliases_of_all(
    const World& world, const Caller& caller, const DescribeLaunchTemplateVersionsRequest& r) {
  const bool only_aliases =
      !r.versions.empty() && std::all_of(r.versions.begin(), r.versions.end(),
                                         [](auto& v) { return v == "$Latest" || v == "$Default"; });
  if (!only_aliases) return errors::missing_launch_template();
  std::vector<LaunchTemplateVersionView> out;
  for (const auto& [id, lt] : world.region_of(caller).launch_templates) {
    if (lt.owner != caller.account) continue;
    auto views = versions_of(lt, r);
    if (!views) return views.error();
    out.insert(out.end(), views->begin(), views->end());
  }
  return out;
}

}  // namespace

Result<DescribeLaunchTemplatesResult> describe_launch_templates(
    const World& world, const Caller& caller, const DescribeLaunchTemplatesRequest& request) {
  if (auto s = check_filters(request.filters); !s) return s.error();
  for (const auto& f : request.filters) {
    if (!template_filter_values(LaunchTemplate{}, f.name)) return errors::invalid_filter(f.name);
  }
  if (auto s = check_page_request(request.page, kDescribeLaunchTemplatesPages, false); !s)
    return s.error();
  if (auto s = check_explicit_templates(world, caller, request); !s) return s.error();
  const std::set<std::string> ids(request.ids.begin(), request.ids.end());
  const std::set<std::string> names(request.names.begin(), request.names.end());
  std::vector<const LaunchTemplate*> matching;
  for (const auto& [id, lt] : world.region_of(caller).launch_templates) {
    if (lt.owner != caller.account) continue;
    if (!ids.empty() && !ids.count(id.str())) continue;
    if (!names.empty() && !names.count(lt.name)) continue;
    const LaunchTemplate& t = lt;
    if (passes(request.filters, [&](const std::string& n) { return template_filter_values(t, n); }))
      matching.push_back(&lt);
  }
  DescribeLaunchTemplatesResult out;
  auto page = paginate(
      std::move(matching), request.page, kDescribeLaunchTemplatesPages,
      [](const LaunchTemplate* lt) { return lt->id.str(); }, out.next_token);
  if (!page) return page.error();
  out.launch_templates = std::move(*page);
  return out;
}

Result<DescribeLaunchTemplateVersionsResult> describe_launch_template_versions(
    const World& world, const Caller& caller,
    const DescribeLaunchTemplateVersionsRequest& request) {
  if (auto s = check_filters(request.filters); !s) return s.error();
  const LaunchTemplate empty_template;
  const LaunchTemplateVersion empty_version;
  for (const auto& f : request.filters) {
    if (!version_filter_values(empty_template, empty_version, f.name))
      return errors::invalid_filter(f.name);
  }
  if (auto s = check_page_request(request.page, kDescribeLaunchTemplateVersionsPages, false); !s)
    return s.error();
  Result<std::vector<LaunchTemplateVersionView>> chosen = std::vector<LaunchTemplateVersionView>{};
  if (request.ref) {
    auto lt = find_launch_template(world, caller, *request.ref);
    if (!lt) return lt.error();
    chosen = versions_of(**lt, request);
  } else {
    chosen = aliases_of_all(world, caller, request);
  }
  if (!chosen) return chosen.error();
  std::vector<LaunchTemplateVersionView> matching;
  for (const auto& v : *chosen) {
    if (passes(request.filters, [&](const std::string& n) {
          return version_filter_values(*v.launch_template, *v.version, n);
        }))
      matching.push_back(v);
  }
  DescribeLaunchTemplateVersionsResult out;
  auto page = paginate(std::move(matching), request.page, kDescribeLaunchTemplateVersionsPages,
                       version_key, out.next_token);
  if (!page) return page.error();
  out.versions = std::move(*page);
  return out;
}

}  // namespace amisim::sim
