// The fixed data a World is built from: Regions and their zones, instance types, installable
// software, and the public image catalogue. Loaded once (api/io reads fixtures/*.json) and never
// mutated afterwards (CONVENTIONS.md, Habits 14).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/image_traits.hpp"
#include "sim/core/prices.hpp"
#include "sim/core/tags.hpp"
#include "sim/core/time.hpp"

namespace amisim::sim {

struct ZoneInfo {
  ZoneName name;        // "us-east-1a"
  std::string zone_id;  // "use1-az6"
  // Instance types the Region offers but this zone does not (DescribeInstanceTypeOfferings).
  std::vector<std::string> missing_instance_types;
};

struct RegionInfo {
  RegionName name;
  std::string endpoint;       // "ec2.us-east-1.amazonaws.com"
  std::string opt_in_status;  // a new account's: "opt-in-not-required" or "not-opted-in"
  std::string description;    // "US East (N. Virginia)"
  std::vector<ZoneInfo> zones;
  // Instance types of the fixtures this Region does not offer (DescribeInstanceTypeOfferings).
  std::vector<std::string> missing_instance_types;

  // An opt-in Region: launched after 2019-03-20, disabled until an account enables it.
  bool opt_in_required() const { return opt_in_status != "opt-in-not-required"; }
  // Whether the Region (zone == nullptr) or one of its zones offers an instance type.
  bool offers(const std::string& instance_type, const ZoneInfo* zone = nullptr) const;
};

struct InstanceTypeInfo {
  std::string name;  // "t3.micro"
  int vcpus = 1;
  int memory_mib = 1024;
  std::vector<std::string> architectures;  // "x86_64", "arm64", "i386"
  DurationMs boot_ms = 30 * kSecondMs;     // pending -> running
  bool free_tier_eligible = false;
  std::string hypervisor;               // "nitro" | "xen" ("" when not given)
  std::vector<std::string> boot_modes;  // SupportedBootModes: "legacy-bios", "uefi"
  // What DescribeInstanceTypes shows besides (fixtures/instance-types.json).
  bool current_generation = true;
  bool burstable_performance = false;
  bool hibernation = false;
  std::string manufacturer;  // "Intel", "AMD", "AWS"
  int default_cores = 1;
  int threads_per_core = 1;
  std::string network_performance;  // "Up to 5 Gigabit"
  std::string ena_support;          // "required" | "supported" | "unsupported"
  int max_network_interfaces = 2;
  int ipv4_per_interface = 2;
  std::vector<std::string> root_device_types;     // "ebs", "instance-store"
  std::vector<std::string> virtualization_types;  // "hvm", "paravirtual"
};

struct SoftwarePackage {
  std::string name;  // what user data names: "#amisim install nginx"
  DurationMs install_ms = 0;
  std::uint64_t size_bytes = 0;  // written to the root volume when installed
};

// One catalogue image in one Region: the built-in public images (fixtures/images.json,
// fixtures/marketplace.json), and those an image file adds (`--images`, api/io/catalog.hpp), which
// may also be private to their owner or shared with accounts. The same family has a different ID
// in every Region (an image file may give one ID to several Regions; AWS never does).
struct CatalogueImage {
  std::string family;  // "al2023-x86_64": the same across Regions
  ImageId id;
  RegionName region;
  AccountId owner;
  std::string owner_alias;  // "amazon" (also Canonical, Debian, Red Hat), "aws-marketplace", ""
  std::string name;
  std::string description;
  ImageTraits traits;                // what its AMI is (sim/core/image_traits.hpp)
  std::string image_location;        // "amazon/al2023-ami-..."
  std::string public_ssm_parameter;  // "/aws/service/..." or ""
  TimeMs creation = 0;
  SnapshotId root_snapshot;
  int root_size_gib = 8;
  std::uint64_t root_used_bytes = 0;  // data written on the root snapshot
  std::string volume_type = "gp3";
  bool delete_on_termination = true;  // the root mapping's
  // What an image file may set besides (the built-in catalogue keeps the defaults).
  bool is_public = true;
  std::vector<AccountId> launch_permissions;  // accounts a private image is shared with
  std::optional<TimeMs> deprecation_time;
  Tags tags;  // the owner's
};

// One AWS Marketplace AMI product (fixtures/marketplace.json; fact sheet §3.10): the seller
// chooses the Regions (one public AMI per offered Region, each carrying the product code) and the
// instance types. Launching needs the account's subscription (sim/images/marketplace.hpp).
struct MarketplaceProduct {
  std::string code;  // 25 lowercase alphanumerics, the image's ProductCodeId
  std::string title;
  AccountId owner;                          // 679593333241, alias "aws-marketplace"
  std::map<RegionName, ImageId> images;     // offered Regions only
  std::vector<std::string> instance_types;  // supported instance types; none listed: every type
  std::uint64_t hourly_fee_micro_usd = 0;   // software fee per instance-hour [model]

  bool offered_in(const RegionName& region) const { return images.count(region) != 0; }
  bool supports(const std::string& instance_type) const;
};

// `--catalog-size N`: N synthetic public images (for benchmarks and scale tests), spread over the
// Regions, owned by amazon, named "amisim-synthetic-<n>-...". The fixtures keep only how many and
// from which seed; each World generates them straight into its Regions at start-up
// (generate_synthetic_catalogue), so a million images are held once, as the World's Images, not
// also as catalogue rows. IDs are derived from `seed` and never collide with catalogue IDs
// already present; they are "<prefix>-f" + 16 hex digits, a key space World::new_id
// ("<prefix>-0...") never issues from. The synthetic images of one Region share one root snapshot
// (a scale-test shortcut: real AMIs each have their own).
struct SyntheticCatalogue {
  std::size_t count = 0;
  std::uint64_t seed = 0;
};

struct Fixtures {
  std::vector<RegionInfo> regions;
  std::map<std::string, InstanceTypeInfo> instance_types;
  std::map<std::string, SoftwarePackage> software;
  std::vector<CatalogueImage> images;
  std::map<AccountId, std::string> owner_aliases;  // public owner accounts -> alias
  std::vector<MarketplaceProduct> marketplace;     // their AMIs are also in `images`
  Prices prices;                                   // fixtures/prices.json (sim/core/prices.hpp)
  SyntheticCatalogue synthetic;                    // --catalog-size: made by each World

  const RegionInfo* find_region(const RegionName& name) const;
  const InstanceTypeInfo* find_instance_type(const std::string& name) const;
  const SoftwarePackage* find_software(const std::string& name) const;
  const MarketplaceProduct* find_product(const std::string& code) const;
};

// Sets the fixtures' synthetic catalogue to `count` images from `seed`.
void add_synthetic_catalogue(Fixtures& fixtures, std::size_t count, std::uint64_t seed);

// Builds the fixtures' synthetic images one at a time, in order, and hands each to `each`: in
// increasing ID order, which is also their names' order (below a million images).
void generate_synthetic_catalogue(const Fixtures& fixtures,
                                  const std::function<void(const CatalogueImage&)>& each);

}  // namespace amisim::sim
