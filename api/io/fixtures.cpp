#include "api/io/fixtures.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "api/io/catalog.hpp"
#include "api/io/prices.hpp"

namespace amisim::io {
namespace {

using nlohmann::json;

const json& field(const json& object, const char* key, std::string_view file) {
  if (!object.is_object() || !object.contains(key))
    throw std::runtime_error(fmt::format("fixtures/{}: missing \"{}\"", file, key));
  return object.at(key);
}

std::string text(const json& object, const char* key, std::string_view file,
                 std::string fallback = {}) {
  if (!object.contains(key)) return fallback;
  const json& v = object.at(key);
  if (!v.is_string())
    throw std::runtime_error(fmt::format("fixtures/{}: \"{}\" must be a string", file, key));
  return v.get<std::string>();
}

std::vector<std::string> strings(const json& object, const char* key) {
  std::vector<std::string> out;
  if (object.contains(key)) {
    for (const auto& v : object.at(key)) out.push_back(v.get<std::string>());
  }
  return out;
}

json parse_file(const std::map<std::string, std::string>& files, const std::string& name) {
  auto it = files.find(name);
  if (it == files.end()) throw std::runtime_error("fixtures/" + name + " is missing");
  try {
    return json::parse(it->second);
  } catch (const json::exception& e) {
    throw std::runtime_error(fmt::format("fixtures/{}: {}", name, e.what()));
  }
}

void read_regions(const json& doc, sim::Fixtures& out) {
  for (const auto& r : field(doc, "regions", "regions.json")) {
    sim::RegionInfo info;
    info.name = sim::RegionName(text(r, "name", "regions.json"));
    info.endpoint =
        text(r, "endpoint", "regions.json", "ec2." + info.name.str() + ".amazonaws.com");
    info.opt_in_status = text(r, "opt_in_status", "regions.json", "opt-in-not-required");
    info.description = text(r, "description", "regions.json");
    info.missing_instance_types = strings(r, "missing_instance_types");
    for (const auto& z : field(r, "zones", "regions.json")) {
      info.zones.push_back({sim::ZoneName(text(z, "name", "regions.json")),
                            text(z, "zone_id", "regions.json"),
                            strings(z, "missing_instance_types")});
    }
    out.regions.push_back(std::move(info));
  }
}

void read_instance_type_details(const json& t, sim::InstanceTypeInfo& info) {
  constexpr std::string_view kFile = "instance-types.json";
  info.current_generation = t.value("current_generation", true);
  info.burstable_performance = t.value("burstable_performance", false);
  info.hibernation = t.value("hibernation", false);
  info.manufacturer = text(t, "manufacturer", kFile);
  info.default_cores = t.value("default_cores", info.vcpus);
  info.threads_per_core = t.value("threads_per_core", 1);
  info.network_performance = text(t, "network_performance", kFile);
  info.ena_support = text(t, "ena_support", kFile, "unsupported");
  info.max_network_interfaces = t.value("max_network_interfaces", 2);
  info.ipv4_per_interface = t.value("ipv4_per_interface", 2);
  info.root_device_types = strings(t, "root_device_types");
  info.virtualization_types = strings(t, "virtualization_types");
}

void read_instance_types(const json& doc, sim::Fixtures& out) {
  for (const auto& t : field(doc, "instance_types", "instance-types.json")) {
    sim::InstanceTypeInfo info;
    info.name = text(t, "name", "instance-types.json");
    info.vcpus = t.value("vcpus", 1);
    info.memory_mib = t.value("memory_mib", 1024);
    info.architectures = strings(t, "architectures");
    info.boot_ms = static_cast<sim::DurationMs>(t.value("boot_seconds", 30.0) * 1000);
    info.free_tier_eligible = t.value("free_tier_eligible", false);
    info.hypervisor = text(t, "hypervisor", "instance-types.json");
    info.boot_modes = strings(t, "supported_boot_modes");
    read_instance_type_details(t, info);
    out.instance_types.emplace(info.name, std::move(info));
  }
}

void read_software(const json& doc, sim::Fixtures& out) {
  for (const auto& p : field(doc, "packages", "software.json")) {
    sim::SoftwarePackage pkg;
    pkg.name = text(p, "name", "software.json");
    pkg.install_ms = static_cast<sim::DurationMs>(p.value("install_seconds", 0.0) * 1000);
    pkg.size_bytes = static_cast<std::uint64_t>(p.value("size_mib", 0.0) * 1024 * 1024);
    out.software.emplace(pkg.name, std::move(pkg));
  }
}

sim::TimeMs read_time(const json& object, const char* key, std::string_view file) {
  const std::string value = text(object, key, file);
  auto t = sim::parse_iso8601(value);
  if (!t) throw std::runtime_error(fmt::format("fixtures/{}: bad time \"{}\"", file, value));
  return *t;
}

sim::CatalogueImage read_family(const json& f, const std::map<std::string, std::string>& aliases) {
  constexpr std::string_view kFile = "images.json";
  sim::CatalogueImage base;
  base.family = text(f, "family", kFile);
  base.owner = sim::AccountId(text(f, "owner", kFile));
  auto alias = aliases.find(base.owner.str());
  base.owner_alias = alias == aliases.end() ? "" : alias->second;
  base.name = text(f, "name", kFile);
  base.description = text(f, "description", kFile);
  base.traits.architecture = text(f, "architecture", kFile, "x86_64");
  base.traits.platform = text(f, "platform", kFile);
  base.traits.platform_details = text(f, "platform_details", kFile, "Linux/UNIX");
  base.traits.usage_operation = text(f, "usage_operation", kFile, "RunInstances");
  base.traits.billing_products = strings(f, "billing_products");
  base.traits.root_device_name = text(f, "root_device_name", kFile, "/dev/xvda");
  base.traits.boot_mode = text(f, "boot_mode", kFile);
  base.traits.imds_support = text(f, "imds_support", kFile);
  base.traits.sriov_net_support = text(f, "sriov_net_support", kFile, "simple");
  base.traits.ena_support = f.value("ena_support", true);
  base.traits.free_tier_eligible = f.value("free_tier_eligible", false);
  base.image_location = text(f, "image_location", kFile);
  base.public_ssm_parameter = text(f, "ssm_parameter", kFile);
  base.creation = read_time(f, "creation_date", kFile);
  base.root_size_gib = f.value("root_size_gib", 8);
  base.root_used_bytes = static_cast<std::uint64_t>(f.value("root_used_mib", 1024.0) * 1024 * 1024);
  base.volume_type = text(f, "volume_type", kFile, "gp3");
  return base;
}

void read_images(const json& doc, sim::Fixtures& out) {
  std::map<std::string, std::string> aliases;
  for (const auto& o : field(doc, "owners", "images.json")) {
    const std::string account = text(o, "account", "images.json");
    aliases[account] = text(o, "alias", "images.json");
    if (!aliases[account].empty()) out.owner_aliases[sim::AccountId(account)] = aliases[account];
  }
  for (const auto& f : field(doc, "families", "images.json")) {
    const sim::CatalogueImage base = read_family(f, aliases);
    for (const auto& [region, ids] : field(f, "regions", "images.json").items()) {
      sim::CatalogueImage image = base;
      image.region = sim::RegionName(region);
      image.id = sim::ImageId(text(ids, "image_id", "images.json"));
      image.root_snapshot = sim::SnapshotId(text(ids, "snapshot_id", "images.json"));
      if (!out.find_region(image.region))
        throw std::runtime_error("fixtures/images.json: unknown Region " + region);
      out.images.push_back(std::move(image));
    }
  }
}

// fixtures/marketplace.json: the products, and each product's AMIs as public catalogue images
// owned by aws-marketplace, carrying the product code (type "marketplace"; fact sheet §3.10).
void read_marketplace(const json& doc, sim::Fixtures& out) {
  constexpr std::string_view kFile = "marketplace.json";
  const std::string owner = text(doc, "owner", kFile);
  const std::string alias = text(doc, "owner_alias", kFile, "aws-marketplace");
  out.owner_aliases[sim::AccountId(owner)] = alias;
  const std::map<std::string, std::string> aliases = {{owner, alias}};
  for (const auto& p : field(doc, "products", kFile)) {
    sim::MarketplaceProduct product;
    product.code = text(p, "product_code", kFile);
    product.title = text(p, "title", kFile);
    product.owner = sim::AccountId(text(p, "owner", kFile, owner));
    product.instance_types = strings(p, "instance_types");
    product.hourly_fee_micro_usd = p.value("hourly_fee_micro_usd", std::uint64_t{0});
    sim::CatalogueImage base = read_family(p, aliases);
    base.family = "marketplace-" + product.code;
    base.owner = product.owner;
    base.traits.product_codes = std::vector<sim::ProductCode>{{product.code, "marketplace"}};
    for (const auto& [region, ids] : field(p, "regions", kFile).items()) {
      sim::CatalogueImage image = base;
      image.region = sim::RegionName(region);
      image.id = sim::ImageId(text(ids, "image_id", kFile));
      image.root_snapshot = sim::SnapshotId(text(ids, "snapshot_id", kFile));
      if (!out.find_region(image.region))
        throw std::runtime_error("fixtures/marketplace.json: unknown Region " + region);
      product.images.emplace(image.region, image.id);
      out.images.push_back(std::move(image));
    }
    out.marketplace.push_back(std::move(product));
  }
}

}  // namespace

sim::Fixtures parse_fixtures(const std::map<std::string, std::string>& files) {
  sim::Fixtures out;
  read_regions(parse_file(files, "regions.json"), out);
  read_instance_types(parse_file(files, "instance-types.json"), out);
  read_software(parse_file(files, "software.json"), out);
  read_images(parse_file(files, "images.json"), out);
  // Optional: a fixture set without Marketplace products is valid.
  if (files.count("marketplace.json")) read_marketplace(parse_file(files, "marketplace.json"), out);
  // Optional like marketplace.json: without prices.json the billing meter has no rates.
  if (files.count("prices.json")) read_prices(parse_file(files, "prices.json"), out);
  return out;
}

std::shared_ptr<const sim::Fixtures> load_fixtures(std::size_t synthetic_images,
                                                   std::uint64_t seed) {
  return load_fixtures(FixtureOptions{synthetic_images, seed, {}, false});
}

std::shared_ptr<const sim::Fixtures> load_fixtures(const FixtureOptions& options) {
  std::map<std::string, std::string> files;
  for (const auto& [name, contents] : embedded_fixtures())
    files.emplace(std::string(name), std::string(contents));
  auto fixtures = std::make_shared<sim::Fixtures>(parse_fixtures(files));
  if (options.replace_images) clear_catalogue(*fixtures);
  for (const std::string& path : options.image_files) add_image_file_at(*fixtures, path);
  sim::add_synthetic_catalogue(*fixtures, options.synthetic_images, options.seed);
  return fixtures;
}

}  // namespace amisim::io
