// Image files (api/io/catalog.hpp).
#include "api/io/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "sim/core/hash.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/text.hpp"
#include "sim/core/time.hpp"

namespace amisim::io {
namespace {

using nlohmann::json;

// The members an entry may have: those loaded, amisim's own, and DescribeImages' that amisim
// keeps itself (ignored).
constexpr std::array kLoaded = {"ImageId",
                                "OwnerId",
                                "ImageOwnerAlias",
                                "Name",
                                "Description",
                                "Architecture",
                                "Platform",
                                "PlatformDetails",
                                "UsageOperation",
                                "ImageLocation",
                                "ImageType",
                                "RootDeviceName",
                                "RootDeviceType",
                                "VirtualizationType",
                                "Hypervisor",
                                "SriovNetSupport",
                                "EnaSupport",
                                "BootMode",
                                "TpmSupport",
                                "ImdsSupport",
                                "FreeTierEligible",
                                "CreationDate",
                                "DeprecationTime",
                                "Public",
                                "ProductCodes",
                                "Tags",
                                "BlockDeviceMappings",
                                "LaunchPermissions",
                                "State",
                                "Region",
                                "Regions",
                                "SsmParameter",
                                "RootUsedMiB"};
constexpr std::array kIgnored = {"StateReason",
                                 "LastLaunchedTime",
                                 "ImageAllowed",
                                 "SourceInstanceId",
                                 "SourceImageId",
                                 "SourceImageRegion",
                                 "DeregistrationProtection",
                                 "KernelId",
                                 "RamdiskId"};

template <std::size_t N>
bool among(const std::array<const char*, N>& names, std::string_view key) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

std::string one_of(std::initializer_list<std::string_view> values) {
  std::string out;
  for (std::string_view v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

// One object of the file, read member by member; every complaint names the object.
class Entry {
 public:
  Entry(const json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object.is_object()) fail("must be a JSON object");
  }

  [[noreturn]] void fail(std::string_view problem) const {
    throw std::runtime_error(fmt::format("{}: {}", where_, problem));
  }
  const std::string& where() const { return where_; }
  void name_it(std::string where) { where_ = std::move(where); }

  const json* find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  std::optional<std::string> text(const char* key) const {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) fail(fmt::format("\"{}\" must be a string", key));
    return v->get<std::string>();
  }
  std::string text_or(const char* key, std::string fallback) const {
    return text(key).value_or(std::move(fallback));
  }
  std::string required(const char* key) const {
    auto v = text(key);
    if (!v || v->empty()) fail(fmt::format("\"{}\" is required", key));
    return *v;
  }
  std::string choice(const char* key, std::initializer_list<std::string_view> values,
                     std::string fallback) const {
    const std::string v = text_or(key, fallback);
    if (std::find(values.begin(), values.end(), v) == values.end())
      fail(fmt::format("\"{}\" is \"{}\"; amisim loads {}", key, v, one_of(values)));
    return v;
  }
  bool flag(const char* key, bool fallback) const {
    const json* v = find(key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(fmt::format("\"{}\" must be true or false", key));
    return v->get<bool>();
  }
  std::optional<sim::TimeMs> time(const char* key) const {
    auto v = text(key);
    if (!v) return std::nullopt;
    auto t = sim::parse_iso8601(*v);
    if (!t) fail(fmt::format("\"{}\" is not an ISO 8601 time: \"{}\"", key, *v));
    return t;
  }
  const json& list(const char* key) const {
    static const json kEmpty = json::array();
    const json* v = find(key);
    if (!v) return kEmpty;
    if (!v->is_array()) fail(fmt::format("\"{}\" must be a list", key));
    return *v;
  }
  void check(const sim::Status& status) const {
    if (!status.ok()) fail(status.error().message);
  }

 private:
  const json& object_;
  std::string where_;
};

// "Region": "r" | "Regions": ["r", ...] | "*" (every Region); nullopt when the object names none.
std::optional<std::vector<sim::RegionName>> regions_of(const Entry& e, const sim::Fixtures& f) {
  const json* one = e.find("Region");
  const json* many = e.find("Regions");
  if (one && many) e.fail("give \"Region\" or \"Regions\", not both");
  if (!one && !many) return std::nullopt;
  std::vector<std::string> names;
  if (one) {
    names.push_back(e.required("Region"));
  } else if (many->is_string() && *many == "*") {
    for (const auto& r : f.regions) names.push_back(r.name.str());
  } else if (many->is_array() && !many->empty()) {
    for (const auto& r : *many) {
      if (!r.is_string()) e.fail("\"Regions\" must be \"*\" or a list of Region names");
      names.push_back(r.get<std::string>());
    }
  } else {
    e.fail("\"Regions\" must be \"*\" or a non-empty list of Region names");
  }
  std::vector<sim::RegionName> out;
  for (const auto& n : names) {
    if (!f.find_region(sim::RegionName(n))) e.fail(fmt::format("amisim has no Region \"{}\"", n));
    if (std::find(out.begin(), out.end(), sim::RegionName(n)) == out.end()) out.emplace_back(n);
  }
  return out;
}

// The billing product AWS attaches for a usage operation amisim's catalogue knows (fixtures/
// images.json: Windows bp-6ba54002, Red Hat bp-6fa54006); none for the rest.
std::vector<std::string> billing_products_for(const std::string& usage_operation) {
  if (usage_operation == "RunInstances:0002") return {"bp-6ba54002"};
  if (usage_operation == "RunInstances:0010") return {"bp-6fa54006"};
  return {};
}

void read_traits(const Entry& e, sim::CatalogueImage& c) {
  sim::ImageTraits& t = c.traits;
  t.architecture =
      e.choice("Architecture", {"x86_64", "arm64", "i386", "x86_64_mac", "arm64_mac"}, "x86_64");
  t.platform = e.choice("Platform", {"", "windows"}, "");
  const bool windows = t.platform == "windows";
  t.platform_details = e.text_or("PlatformDetails", windows ? "Windows" : "Linux/UNIX");
  t.usage_operation = e.text_or("UsageOperation", windows ? "RunInstances:0002" : "RunInstances");
  t.billing_products = billing_products_for(t.usage_operation);
  e.choice("ImageType", {"machine"}, "machine");
  e.choice("RootDeviceType", {"ebs"}, "ebs");  // instance-store-backed AMIs are not modelled
  e.choice("State", {"available"}, "available");
  t.root_device_name = e.text_or("RootDeviceName", "/dev/xvda");
  e.check(sim::check_device_name(t.root_device_name));
  t.virtualization_type = e.choice("VirtualizationType", {"hvm", "paravirtual"}, "hvm");
  t.hypervisor = e.choice("Hypervisor", {"xen", "ovm"}, "xen");
  t.sriov_net_support = e.choice("SriovNetSupport", {"simple"}, "simple");
  t.ena_support = e.flag("EnaSupport", true);
  t.free_tier_eligible = e.flag("FreeTierEligible", false);
  t.boot_mode = e.choice("BootMode", {"", "legacy-bios", "uefi", "uefi-preferred"}, "");
  t.tpm_support = e.choice("TpmSupport", {"", "v2.0"}, "");
  t.imds_support = e.choice("ImdsSupport", {"", "v2.0"}, "");
  for (std::size_t i = 0; const json& p : e.list("ProductCodes")) {
    Entry code(p, fmt::format("{}: ProductCodes[{}]", e.where(), i++));
    const std::string id = code.required("ProductCodeId");
    if (id.size() > 64 || !std::all_of(id.begin(), id.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        }))
      code.fail("\"ProductCodeId\" must be 1-64 lowercase letters and digits");
    t.product_codes.mut().push_back(
        {id, code.choice("ProductCodeType", {"marketplace", "devpay"}, "marketplace")});
  }
}

// The root device's BlockDeviceMappings entry. Instance-store entries (VirtualName, NoDevice) are
// skipped; an EBS volume on another device is refused: amisim's catalogue images have one volume.
void read_root_mapping(const Entry& e, sim::CatalogueImage& c) {
  bool found = false;
  for (std::size_t i = 0; const json& m : e.list("BlockDeviceMappings")) {
    Entry mapping(m, fmt::format("{}: BlockDeviceMappings[{}]", e.where(), i++));
    const json* ebs = mapping.find("Ebs");
    if (!ebs) continue;
    const std::string device = mapping.required("DeviceName");
    if (device != c.traits.root_device_name)
      mapping.fail(fmt::format("an EBS volume on {}: amisim loads an image's root device ({}) only",
                               device, c.traits.root_device_name));
    if (found) mapping.fail(fmt::format("{} is mapped twice", device));
    found = true;
    Entry v(*ebs, mapping.where() + ": Ebs");
    if (auto snap = v.text("SnapshotId")) {
      if (!sim::is_well_formed_id("snap", *snap))
        v.fail("\"SnapshotId\" must be snap- and 8 or 17 lowercase hex digits");
      c.root_snapshot = sim::SnapshotId(*snap);
    }
    if (const json* size = v.find("VolumeSize")) {
      if (!size->is_number_integer() || *size < 1 || *size > 16384)
        v.fail("\"VolumeSize\" must be a whole number of GiB from 1 to 16384");
      c.root_size_gib = size->get<int>();
    }
    c.volume_type = v.choice("VolumeType", {"gp2", "gp3", "io1", "io2", "standard"}, "gp2");
    c.delete_on_termination = v.flag("DeleteOnTermination", true);
    if (v.flag("Encrypted", false) || v.find("KmsKeyId"))
      v.fail("encrypted catalogue snapshots are not modelled");
  }
}

void read_sharing(const Entry& e, sim::CatalogueImage& c) {
  c.is_public = e.flag("Public", true);
  for (std::size_t i = 0; const json& p : e.list("LaunchPermissions")) {
    Entry grant(p, fmt::format("{}: LaunchPermissions[{}]", e.where(), i++));
    if (auto group = grant.text("Group")) {
      if (*group != "all") grant.fail("\"Group\" can only be \"all\"");
      c.is_public = true;
      continue;
    }
    const std::string user = grant.required("UserId");
    if (!sim::is_account_id(user)) grant.fail("\"UserId\" must be a 12-digit account ID");
    if (user != c.owner.str()) c.launch_permissions.emplace_back(user);
  }
  std::vector<sim::Tag> tags;
  for (std::size_t i = 0; const json& t : e.list("Tags")) {
    Entry tag(t, fmt::format("{}: Tags[{}]", e.where(), i++));
    tags.push_back({tag.required("Key"), tag.text_or("Value", "")});
  }
  e.check(sim::validate_tags(tags));
  sim::apply_tags(c.tags, tags);
}

// A root snapshot ID for an image that names none: "snap-e" + 16 hex digits of the image's ID and
// Region, a key space neither World::new_id ("-0") nor the synthetic catalogue ("-f") issues from.
sim::SnapshotId derived_snapshot(const sim::CatalogueImage& c) {
  const std::uint64_t h = sim::fnv1a(c.region.str() + "/" + c.id.str());
  return sim::SnapshotId(fmt::format("snap-e{:016x}", h));
}

// Everything but the Regions: one image, as read.
sim::CatalogueImage read_image(const Entry& e, const sim::Fixtures& f) {
  sim::CatalogueImage c;
  const std::string id = e.required("ImageId");
  if (!sim::is_well_formed_id("ami", id))
    e.fail(fmt::format("\"ImageId\" \"{}\" must be ami- and 8 or 17 lowercase hex digits", id));
  c.id = sim::ImageId(id);
  c.family = "images-file";
  const std::string owner = e.required("OwnerId");
  if (!sim::is_account_id(owner)) e.fail("\"OwnerId\" must be a 12-digit account ID");
  c.owner = sim::AccountId(owner);
  auto known = f.owner_aliases.find(c.owner);
  c.owner_alias = e.text_or("ImageOwnerAlias", known == f.owner_aliases.end() ? "" : known->second);
  if (known != f.owner_aliases.end() && known->second != c.owner_alias)
    e.fail(fmt::format("owner {} has the alias \"{}\" already", owner, known->second));
  c.name = e.required("Name");
  e.check(sim::check_ami_name(c.name));
  c.description = e.text_or("Description", "");
  e.check(sim::check_description("Description", c.description));
  read_traits(e, c);
  c.image_location =
      e.text_or("ImageLocation", (c.owner_alias.empty() ? owner : c.owner_alias) + "/" + c.name);
  // [?] AWS has no default; the day before the world's start, so the image predates every call.
  c.creation = e.time("CreationDate").value_or(sim::kDefaultWorldStartMs - sim::kDayMs);
  c.deprecation_time = e.time("DeprecationTime");
  c.root_size_gib = 8;
  c.volume_type = "gp2";
  read_root_mapping(e, c);
  read_sharing(e, c);
  c.public_ssm_parameter = e.text_or("SsmParameter", "");
  if (!c.public_ssm_parameter.empty() && c.public_ssm_parameter.front() != '/')
    e.fail("\"SsmParameter\" must start with /");
  const std::uint64_t size_bytes = static_cast<std::uint64_t>(c.root_size_gib) << 30;
  c.root_used_bytes = std::min<std::uint64_t>(1ULL << 30, size_bytes);
  if (const json* used = e.find("RootUsedMiB")) {
    if (!used->is_number() || *used < 0 || used->get<double>() * (1 << 20) > size_bytes)
      e.fail("\"RootUsedMiB\" must be a number from 0 to the root volume's size");
    c.root_used_bytes = static_cast<std::uint64_t>(used->get<double>() * (1 << 20));
  }
  return c;
}

// What an image may not share with the images already in the catalogue, and where each came from.
class Collisions {
 public:
  explicit Collisions(const sim::Fixtures& f) {
    for (std::size_t i = 0; i < f.images.size(); ++i) note(f.images[i], "the catalogue");
  }
  void add(const Entry& e, const sim::CatalogueImage& c) {
    auto at = [&](const auto& map, const auto& key) {
      auto it = map.find(key);
      return it == map.end() ? nullptr : &it->second;
    };
    if (auto* other = at(ids_, std::tuple(c.region.str(), c.id.str())))
      e.fail(fmt::format("{} is in {} already ({})", c.id.str(), c.region.str(), *other));
    if (auto* other = at(names_, std::tuple(c.region.str(), c.owner.str(), c.name)))
      e.fail(fmt::format("owner {} has an image named \"{}\" in {} already ({})", c.owner.str(),
                         c.name, c.region.str(), *other));
    if (auto* snapshot = at(snapshots_, std::tuple(c.region.str(), c.root_snapshot.str()))) {
      if (snapshot->first != c.owner.str())
        e.fail(fmt::format("snapshot {} in {} belongs to {}", c.root_snapshot.str(), c.region.str(),
                           snapshot->first));
      if (snapshot->second != c.root_size_gib)  // images may share a snapshot, not its size
        e.fail(fmt::format("snapshot {} in {} is {} GiB for another image", c.root_snapshot.str(),
                           c.region.str(), snapshot->second));
    }
    if (!c.public_ssm_parameter.empty())
      if (auto* other = at(parameters_, std::tuple(c.region.str(), c.public_ssm_parameter)))
        e.fail(fmt::format("parameter {} names another image in {} already ({})",
                           c.public_ssm_parameter, c.region.str(), *other));
    note(c, e.where());
  }

 private:
  void note(const sim::CatalogueImage& c, const std::string& where) {
    ids_.emplace(std::tuple(c.region.str(), c.id.str()), where);
    names_.emplace(std::tuple(c.region.str(), c.owner.str(), c.name), where);
    snapshots_.emplace(std::tuple(c.region.str(), c.root_snapshot.str()),
                       std::pair(c.owner.str(), c.root_size_gib));
    if (!c.public_ssm_parameter.empty())
      parameters_.emplace(std::tuple(c.region.str(), c.public_ssm_parameter), where);
  }
  std::map<std::tuple<std::string, std::string>, std::string> ids_;
  std::map<std::tuple<std::string, std::string, std::string>, std::string> names_;
  // (Region, snapshot) -> (owner, GiB): images may share a root snapshot of one owner and size.
  std::map<std::tuple<std::string, std::string>, std::pair<std::string, int>> snapshots_;
  std::map<std::tuple<std::string, std::string>, std::string> parameters_;
};

// A Marketplace code the fixtures' products do not know becomes a product of its own (its owner
// the image's, every instance type supported, no software fee), so a subscription can name it.
void join_products(sim::Fixtures& f, const sim::CatalogueImage& c) {
  for (const sim::ProductCode& code : c.traits.product_codes) {
    if (code.type != "marketplace") continue;
    auto it = std::find_if(f.marketplace.begin(), f.marketplace.end(),
                           [&](const sim::MarketplaceProduct& p) { return p.code == code.code; });
    if (it == f.marketplace.end()) {
      sim::MarketplaceProduct p;
      p.code = code.code;
      p.title = c.name;
      p.owner = c.owner;
      f.marketplace.push_back(std::move(p));
      it = std::prev(f.marketplace.end());
    }
    it->images.try_emplace(c.region, c.id);
  }
}

}  // namespace

void add_image_file(sim::Fixtures& fixtures, std::string_view json_text, std::string_view source) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& ex) {
    throw std::runtime_error(fmt::format("{}: not JSON: {}", source, ex.what()));
  }
  Entry file(doc, std::string(source));
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "Images" && key != "Region" && key != "Regions" && key != "$schema" &&
        key != "$comment")
      file.fail(
          fmt::format("unknown member \"{}\" (the file has \"Images\" and \"Regions\")", key));
  }
  const json* images = file.find("Images");
  if (!images || !images->is_array()) file.fail("\"Images\" must be a list");
  const auto default_regions = regions_of(file, fixtures);

  sim::Fixtures out = fixtures;  // changed only when every entry is good
  Collisions collisions(out);
  for (std::size_t i = 0; i < images->size(); ++i) {
    Entry e((*images)[i], fmt::format("{}: Images[{}]", source, i));
    if (auto id = e.find("ImageId"); id && id->is_string())
      e.name_it(fmt::format("{}: Images[{}] ({})", source, i, id->get<std::string>()));
    for (const auto& [key, value] : (*images)[i].items()) {
      (void)value;
      if (!among(kLoaded, key) && !among(kIgnored, key) && key != "$comment")
        e.fail(fmt::format("unknown member \"{}\"", key));
    }
    const sim::CatalogueImage image = read_image(e, out);
    const auto regions = regions_of(e, fixtures);
    if (!regions && !default_regions)
      e.fail(
          "no Region: give \"Region\" or \"Regions\" (\"*\" for every Region), here or for "
          "the whole file");
    const bool named_snapshot = !image.root_snapshot.empty();
    for (const sim::RegionName& region : regions ? *regions : *default_regions) {
      sim::CatalogueImage c = image;
      c.region = region;
      if (!named_snapshot) c.root_snapshot = derived_snapshot(c);
      collisions.add(e, c);
      if (!c.owner_alias.empty()) out.owner_aliases[c.owner] = c.owner_alias;
      join_products(out, c);
      out.images.push_back(std::move(c));
    }
  }
  fixtures = std::move(out);
}

void clear_catalogue(sim::Fixtures& fixtures) {
  fixtures.images.clear();
  fixtures.marketplace.clear();
}

void add_image_file_at(sim::Fixtures& fixtures, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot be read", path));
  std::ostringstream text;
  text << in.rdbuf();
  add_image_file(fixtures, text.str(), path);
}

}  // namespace amisim::io
