// DescribeImages. Facts: fact sheet §3.9 (scope, owners, executable users, filters), §3.6
// (deprecated images), §3.7 (disabled images), §3.5 (deregistered images), §1.7 (pagination).
//
// Results are ordered by image ID, which is also the pagination key. Three ways to find
// candidates, cheapest first: the named IDs (map lookups), a `name` filter whose patterns all
// start with literal text (a range scan of RegionState::image_names), else every image in the
// Region. The same checks then decide what is listed, so the three agree.
#include <algorithm>

#include "sim/images/allowed_images.hpp"
#include "sim/images/detail.hpp"
#include "sim/images/images.hpp"

namespace amisim::sim {
namespace {

using detail::ImageFilter;

// The request, validated and resolved once.
struct Query {
  const Caller* caller;
  const DescribeImagesRequest* request;
  std::vector<ImageFilter> filters;
  TimeMs now;
  const AllowedImagesSettings* allowed;  // the caller's, in its Region
};

// Allowed AMIs enabled: an image outside the criteria is not discoverable, by ID either (APIREF
// DescribeImages "only allowed images are returned"; the UG's "APIs that ... describe").
bool discoverable(const Image& image, const Query& q) {
  return q.allowed->state != AllowedImagesState::kEnabled ||
         meets_image_criteria(q.allowed->criteria, image, q.caller->account, q.now);
}

bool passes_filters(const Image& image, const Query& q) {
  return detail::image_matches(image, q.filters, q.now, q.caller->account, *q.allowed);
}

bool is_owner_alias(std::string_view s) {
  return s == "amazon" || s == "aws-marketplace" || s == "aws-backup-vault";
}

Status check_users(const DescribeImagesRequest& r) {
  for (const auto& o : r.owners) {
    if (o != "self" && !is_owner_alias(o) && !is_account_id(o))
      return errors::invalid_user_id_malformed(o);
  }
  for (const auto& e : r.executable_users) {
    if (e != "self" && e != "all" && !is_account_id(e)) return errors::invalid_user_id_malformed(e);
  }
  for (const auto& id : r.image_ids) {
    if (!is_well_formed_id("ami", id.str())) return errors::image_id_malformed(id.str());
  }
  return ok_status();
}

bool owner_matches(const Image& image, const std::string& spec, const AccountId& caller) {
  if (spec == "self") return image.owner == caller;
  if (is_owner_alias(spec)) return image.owner_alias == spec;
  return image.owner.str() == spec;
}

// ExecutableBy: "all" = public; "self" or an account = shared with it explicitly (APIREF model
// DescribeImagesRequest).
bool executable_by(const Image& image, const std::string& spec, const AccountId& caller) {
  if (spec == "all") return image.is_public;
  if (spec == "self") return image.launch_permissions->count(caller) != 0;
  return image.launch_permissions->count(AccountId(spec)) != 0;
}

// Default scope: what the caller can launch (public, own, shared); Owners and ExecutableUsers
// narrow it.
bool in_scope(const Image& image, const Query& q) {
  const AccountId& caller = q.caller->account;
  if (!image_visible_to(image, caller) || !discoverable(image, q)) return false;
  const auto& owners = q.request->owners;
  if (!owners.empty() && std::none_of(owners.begin(), owners.end(), [&](const std::string& o) {
        return owner_matches(image, o, caller);
      }))
    return false;
  const auto& users = q.request->executable_users;
  return users.empty() || std::any_of(users.begin(), users.end(), [&](const std::string& u) {
           return executable_by(image, u, caller);
         });
}

// Listed when found by scan or name index: deregistered images never; disabled ones only with
// IncludeDisabled; deprecated ones of other owners only with IncludeDeprecated.
bool listed(const Image& image, const Query& q) {
  if (image.state == ImageState::kDeregistered) return false;
  if (image.state == ImageState::kDisabled && !q.request->include_disabled) return false;
  if (!q.request->include_deprecated && image.owner != q.caller->account &&
      is_deprecated(image, q.now))
    return false;
  return in_scope(image, q) && passes_filters(image, q);
}

// Named IDs: an unknown, invisible or (Allowed AMIs) undiscoverable ID fails the call
// (InvalidAMIID.NotFound, all of them named). A deregistered image is shown for a while, then
// omitted while instances still use it, then unknown (fact sheet §3.5). Named deprecated images are
// shown to everyone (§3.6); named disabled ones still need IncludeDisabled (§3.7 gives no exception
// for IDs).
Status collect_named(const RegionState& region, const Query& q, std::vector<const Image*>& out) {
  std::vector<std::string> missing;
  for (const ImageId& id : q.request->image_ids) {
    auto it = region.images.find(id);
    const Image* image = it == region.images.end() ? nullptr : &it->second;
    const bool purged = image && is_purged(*image, q.now);
    if (!image || !image_visible_to(*image, q.caller->account) || !discoverable(*image, q) ||
        (purged && !detail::referenced_by_instance(region, id))) {
      missing.push_back(id.str());
      continue;
    }
    if (purged) continue;
    if (image->state == ImageState::kDisabled && !q.request->include_disabled) continue;
    if (in_scope(*image, q) && passes_filters(*image, q)) out.push_back(image);
  }
  if (!missing.empty()) return errors::images_not_found(missing);
  std::sort(out.begin(), out.end(), [](const Image* a, const Image* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return ok_status();
}

// The literal prefixes of a `name` filter whose every pattern starts with literal text, or none.
std::vector<std::string> name_prefixes(const std::vector<Filter>& filters) {
  for (const Filter& f : filters) {
    if (f.name != "name" || f.values.empty()) continue;
    std::vector<std::string> prefixes;
    for (const auto& v : f.values) {
      std::string p = literal_prefix(v);
      if (p.empty()) break;
      prefixes.push_back(std::move(p));
    }
    if (prefixes.size() == f.values.size()) return prefixes;
  }
  return {};
}

void collect_by_name(const RegionState& region, const Query& q,
                     const std::vector<std::string>& prefixes, std::vector<const Image*>& out) {
  const auto& names = region.image_names.entries(region.images);
  for (const std::string& prefix : prefixes) {
    for (auto it = names.lower_bound(std::string_view(prefix));
         it != names.end() && (*it)->name.compare(0, prefix.size(), prefix) == 0; ++it) {
      if (listed(**it, q)) out.push_back(*it);
    }
  }
  std::sort(out.begin(), out.end(), [](const Image* a, const Image* b) { return a->id < b->id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void collect_all(const RegionState& region, const Query& q, std::vector<const Image*>& out) {
  for (const auto& [id, image] : region.images) {
    if (listed(image, q)) out.push_back(&image);
  }
}

}  // namespace

Result<DescribeImagesResult> describe_images(const World& world, const Caller& caller,
                                             const DescribeImagesRequest& request) {
  auto filters = detail::compile_image_filters(request.filters);
  if (!filters) return filters.error();
  if (auto s = check_page_request(request.page, kDescribeImagesPages, !request.image_ids.empty());
      !s)
    return s.error();
  if (auto s = check_users(request); !s) return s.error();
  const Query q{&caller, &request, std::move(*filters), world.now(),
                &allowed_images_settings(world, caller.account, caller.region)};
  const RegionState& region = world.region_of(caller);

  DescribeImagesResult result;
  if (!request.image_ids.empty()) {
    if (auto s = collect_named(region, q, result.images); !s) return s.error();
  } else if (auto prefixes = name_prefixes(request.filters); !prefixes.empty()) {
    collect_by_name(region, q, prefixes, result.images);
  } else {
    collect_all(region, q, result.images);
  }
  if (request.page.max_results || !request.page.next_token.empty()) {
    auto page = paginate(
        std::move(result.images), request.page, kDescribeImagesPages,
        [](const Image* i) -> std::string_view { return i->id.str(); }, result.next_token);
    if (!page) return page.error();
    result.images = std::move(*page);
  }
  return result;
}

}  // namespace amisim::sim
