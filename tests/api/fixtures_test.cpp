// The shipped fixtures (fixtures/*.json, written by scripts/gen_fixtures.py) and their loader.
// Expected values come from the sources cited in the generator, not from the files themselves.
#include "api/io/fixtures.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"
#include "sim/core/ids.hpp"

namespace {

const std::vector<std::string> kRequiredRegions = {
    "us-east-1",    "us-east-2",      "us-west-2",      "eu-west-1",
    "eu-central-1", "ap-northeast-1", "ap-southeast-2", "sa-east-1"};

const std::vector<std::string> kFamilies = {
    "al2023-x86_64",       "al2023-arm64",     "al2-x86_64",    "ubuntu-24.04-x86_64",
    "ubuntu-22.04-x86_64", "debian-12-x86_64", "rhel-9-x86_64", "windows-2022-x86_64"};

const sim::Fixtures& fx() { return *test::fixtures(); }

// The catalogue images of one family, one per Region.
std::vector<const sim::CatalogueImage*> family(const std::string& name) {
  std::vector<const sim::CatalogueImage*> out;
  for (const auto& image : fx().images) {
    if (image.family == name) out.push_back(&image);
  }
  return out;
}

std::vector<std::string> zone_names(const std::string& region) {
  std::vector<std::string> out;
  const sim::RegionInfo* info = fx().find_region(sim::RegionName(region));
  if (info) {
    for (const auto& z : info->zones) out.push_back(z.name.str());
  }
  return out;
}

// The embedded fixture files, as parse_fixtures takes them.
std::map<std::string, std::string> embedded_files() {
  std::map<std::string, std::string> files;
  for (const auto& [name, text] : amisim::io::embedded_fixtures())
    files.emplace(std::string(name), std::string(text));
  return files;
}

}  // namespace

TEST_CASE("Every required Region is present with at least two zones named after it") {
  for (const auto& region : kRequiredRegions) {
    INFO(region);
    const sim::RegionInfo* info = fx().find_region(sim::RegionName(region));
    REQUIRE(info != nullptr);
    CHECK(info->zones.size() >= 2);
    CHECK(info->endpoint == "ec2." + region + ".amazonaws.com");
    for (const auto& z : info->zones) {
      CHECK(z.name.str().size() == region.size() + 1);
      CHECK(z.name.str().rfind(region, 0) == 0);
      CHECK(z.zone_id.find("-az") != std::string::npos);
    }
  }
}

TEST_CASE("ap-northeast-1 offers zones a c and d while us-east-1 offers a to f") {
  CHECK(zone_names("ap-northeast-1") ==
        std::vector<std::string>{"ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"});
  CHECK(zone_names("us-east-1") == std::vector<std::string>{"us-east-1a", "us-east-1b",
                                                            "us-east-1c", "us-east-1d",
                                                            "us-east-1e", "us-east-1f"});
}

TEST_CASE("Every catalogue family is published in every Region under one name") {
  for (const auto& name : kFamilies) {
    INFO(name);
    const auto images = family(name);
    std::set<std::string> regions;
    for (const auto* image : images) {
      regions.insert(image->region.str());
      CHECK(image->name == images.front()->name);
    }
    CHECK(regions.size() == fx().regions.size());
    CHECK(images.size() == fx().regions.size());
    for (const auto& region : kRequiredRegions) CHECK(regions.count(region) == 1);
  }
}

TEST_CASE("Catalogue image and snapshot IDs are well formed and distinct across all Regions") {
  std::set<std::string> seen;
  for (const auto& image : fx().images) {
    INFO(image.family << " in " << image.region.str());
    CHECK(sim::is_well_formed_id("ami", image.id.str()));
    CHECK(sim::is_well_formed_id("snap", image.root_snapshot.str()));
    CHECK(image.id.str().size() == std::string("ami-").size() + 17);
    CHECK(seen.insert(image.id.str()).second);
    CHECK(seen.insert(image.root_snapshot.str()).second);
  }
  CHECK(seen.size() == 2 * fx().images.size());
}

TEST_CASE("Windows Server 2022 is a windows platform image billed through bp-6ba54002") {
  for (const auto* image : family("windows-2022-x86_64")) {
    CHECK(image->traits.platform == "windows");
    CHECK(image->traits.platform_details == "Windows");
    CHECK(image->traits.usage_operation == "RunInstances:0002");
    CHECK(image->traits.billing_products == std::vector<std::string>{"bp-6ba54002"});
    CHECK(image->owner.str() == "801119661308");
    CHECK(image->traits.root_device_name == "/dev/sda1");
    CHECK(image->name.rfind("Windows_Server-2022-English-Full-Base-", 0) == 0);
  }
}

TEST_CASE("RHEL 9 bills as Red Hat Enterprise Linux through bp-6fa54006") {
  for (const auto* image : family("rhel-9-x86_64")) {
    CHECK(image->traits.platform.empty());
    CHECK(image->traits.platform_details == "Red Hat Enterprise Linux");
    CHECK(image->traits.usage_operation == "RunInstances:0010");
    CHECK(image->traits.billing_products == std::vector<std::string>{"bp-6fa54006"});
    CHECK(image->owner.str() == "309956199498");
    CHECK(image->root_size_gib == 10);
  }
}

TEST_CASE("Amazon Linux and Ubuntu and Debian images bill as plain Linux/UNIX") {
  for (const auto& name : {"al2023-x86_64", "al2023-arm64", "al2-x86_64", "ubuntu-24.04-x86_64",
                           "ubuntu-22.04-x86_64", "debian-12-x86_64"}) {
    for (const auto* image : family(name)) {
      INFO(name);
      CHECK(image->traits.platform.empty());
      CHECK(image->traits.platform_details == "Linux/UNIX");
      CHECK(image->traits.usage_operation == "RunInstances");
      CHECK(image->traits.billing_products->empty());
    }
  }
}

TEST_CASE("Public images belong to the vendors' real accounts which are all aliased amazon") {
  const std::map<std::string, std::string> owner_of = {
      {"al2023-x86_64", "137112412989"},       {"al2023-arm64", "137112412989"},
      {"al2-x86_64", "137112412989"},          {"ubuntu-24.04-x86_64", "099720109477"},
      {"ubuntu-22.04-x86_64", "099720109477"}, {"debian-12-x86_64", "136693071363"},
      {"rhel-9-x86_64", "309956199498"},       {"windows-2022-x86_64", "801119661308"}};
  for (const auto& [name, owner] : owner_of) {
    for (const auto* image : family(name)) {
      INFO(name);
      CHECK(image->owner.str() == owner);
      CHECK(image->owner_alias == "amazon");
      CHECK(image->image_location == "amazon/" + image->name);
    }
    CHECK(fx().owner_aliases.at(sim::AccountId(owner)) == "amazon");
  }
}

TEST_CASE("Catalogue images carry the public SSM parameter names AWS and the vendors publish") {
  const std::map<std::string, std::string> ssm = {
      {"al2023-x86_64", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"},
      {"al2023-arm64", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"},
      {"al2-x86_64", "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2"},
      {"ubuntu-24.04-x86_64",
       "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id"},
      {"ubuntu-22.04-x86_64",
       "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"},
      {"debian-12-x86_64", "/aws/service/debian/release/12/latest/amd64"},
      {"rhel-9-x86_64", ""},
      {"windows-2022-x86_64",
       "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base"}};
  for (const auto& [name, parameter] : ssm) {
    INFO(name);
    const auto images = family(name);
    REQUIRE_FALSE(images.empty());
    for (const auto* image : images) CHECK(image->public_ssm_parameter == parameter);
  }
}

TEST_CASE(
    "Amazon Linux 2023 ships uefi-preferred IMDSv2-only images with 8 GiB gp3 roots on /dev/xvda") {
  for (const auto* image : family("al2023-x86_64")) {
    CHECK(image->traits.boot_mode == "uefi-preferred");
    CHECK(image->traits.imds_support == "v2.0");
    CHECK(image->traits.root_device_name == "/dev/xvda");
    CHECK(image->root_size_gib == 8);
    CHECK(image->volume_type == "gp3");
    CHECK(image->traits.architecture == "x86_64");
  }
  for (const auto* image : family("al2023-arm64")) CHECK(image->traits.architecture == "arm64");
}

TEST_CASE("Every catalogue image writes some but not more data than its root volume holds") {
  for (const auto& image : fx().images) {
    INFO(image.family);
    CHECK(image.root_used_bytes > 0);
    CHECK(image.root_used_bytes < static_cast<std::uint64_t>(image.root_size_gib) << 30);
  }
}

TEST_CASE("Every instance type supports an architecture and takes time to boot") {
  REQUIRE_FALSE(fx().instance_types.empty());
  for (const auto& [name, type] : fx().instance_types) {
    INFO(name);
    CHECK_FALSE(type.architectures.empty());
    CHECK_FALSE(type.boot_modes.empty());
    CHECK(type.vcpus >= 1);
    CHECK(type.memory_mib >= 512);
    CHECK(type.boot_ms > 0);
  }
}

TEST_CASE("Instance types match DescribeInstanceTypes for the common sizes") {
  const sim::InstanceTypeInfo* m1 = fx().find_instance_type("m1.small");  // RunInstances default
  REQUIRE(m1 != nullptr);
  CHECK(m1->memory_mib == 1740);
  CHECK(m1->architectures == std::vector<std::string>{"i386", "x86_64"});
  const sim::InstanceTypeInfo* t3 = fx().find_instance_type("t3.micro");
  REQUIRE(t3 != nullptr);
  CHECK(t3->vcpus == 2);
  CHECK(t3->memory_mib == 1024);
  CHECK(t3->hypervisor == "nitro");
  for (const auto& graviton : {"t4g.nano", "t4g.micro", "m6g.large", "m7g.large", "c6g.large"}) {
    const sim::InstanceTypeInfo* type = fx().find_instance_type(graviton);
    REQUIRE(type != nullptr);
    CHECK(type->architectures == std::vector<std::string>{"arm64"});
    CHECK(type->boot_modes == std::vector<std::string>{"uefi"});
  }
  // Xen types boot slower than Nitro ones in the model.
  CHECK(fx().find_instance_type("t2.micro")->boot_ms > t3->boot_ms);
}

TEST_CASE("Every package a golden-AMI script installs takes time and writes data") {
  for (const auto& name : {"nginx", "httpd", "docker", "nodejs", "python3", "postgresql",
                           "java-17-amazon-corretto", "git", "amazon-cloudwatch-agent"}) {
    INFO(name);
    const sim::SoftwarePackage* package = fx().find_software(name);
    REQUIRE(package != nullptr);
    CHECK(package->install_ms > 0);
    CHECK(package->size_bytes > 0);
  }
}

TEST_CASE("A synthetic catalogue of 1000 adds 1000 images whose IDs collide with nothing") {
  sim::Fixtures copy = fx();
  const std::size_t before = copy.images.size();
  sim::add_synthetic_catalogue(copy, 1000, 42);
  // The fixtures keep only the count and seed: the World generates the images (held once).
  REQUIRE(copy.images.size() == before);
  std::vector<sim::CatalogueImage> synthetic;
  sim::generate_synthetic_catalogue(copy,
                                    [&](const sim::CatalogueImage& c) { synthetic.push_back(c); });
  REQUIRE(synthetic.size() == 1000);
  std::set<std::string> ids;
  for (const auto& image : copy.images) {
    CHECK(ids.insert(image.id.str()).second);
    CHECK(ids.insert(image.root_snapshot.str()).second);
  }
  // Synthetic images share one root snapshot per Region; real ones each have their own.
  std::map<std::string, std::string> region_snapshot;
  for (const auto& image : synthetic) {
    CHECK(sim::is_well_formed_id("ami", image.id.str()));
    CHECK(sim::is_well_formed_id("snap", image.root_snapshot.str()));
    CHECK(ids.insert(image.id.str()).second);
    auto [it, first] = region_snapshot.try_emplace(image.region.str(), image.root_snapshot.str());
    if (first) CHECK(ids.insert(image.root_snapshot.str()).second);
    CHECK(it->second == image.root_snapshot.str());
  }
  CHECK(region_snapshot.size() == copy.regions.size());
  CHECK(ids.size() == 2 * before + 1000 + copy.regions.size());
  // They come in increasing ID order, which is their names' order too (World::load_catalogue
  // fills each Region's image map and name index at their ends).
  for (std::size_t i = 1; i < synthetic.size(); ++i) {
    CHECK(synthetic[i - 1].id.str() < synthetic[i].id.str());
    CHECK(synthetic[i - 1].name < synthetic[i].name);
  }
  // The same seed generates the same images; the World holds every one of them.
  std::vector<std::string> again;
  sim::generate_synthetic_catalogue(
      copy, [&](const sim::CatalogueImage& c) { again.push_back(c.id.str() + c.name); });
  REQUIRE(again.size() == synthetic.size());
  for (std::size_t i = 0; i < again.size(); ++i)
    CHECK(again[i] == synthetic[i].id.str() + synthetic[i].name);
  sim::World world(std::make_shared<const sim::Fixtures>(copy));
  for (const auto& image : synthetic) {
    const sim::RegionState* region = world.region(image.region);
    REQUIRE(region != nullptr);
    auto it = region->images.find(image.id);
    REQUIRE(it != region->images.end());
    CHECK(it->second.name == image.name);
    CHECK(region->snapshots.count(image.root_snapshot) == 1);
  }
}

TEST_CASE("parse_fixtures throws naming the file when a fixture file is malformed") {
  auto files = embedded_files();
  REQUIRE_NOTHROW(amisim::io::parse_fixtures(files));

  auto broken_json = files;
  broken_json["images.json"] = "{ \"owners\": [ ";
  REQUIRE_THROWS_AS(amisim::io::parse_fixtures(broken_json), std::runtime_error);
  REQUIRE_THROWS_WITH(amisim::io::parse_fixtures(broken_json), Catch::Contains("images.json"));

  auto missing_field = files;
  missing_field["regions.json"] = "{\"zones\": []}";
  REQUIRE_THROWS_WITH(amisim::io::parse_fixtures(missing_field),
                      Catch::Contains("regions.json") && Catch::Contains("regions"));

  auto missing_file = files;
  missing_file.erase("software.json");
  REQUIRE_THROWS_WITH(amisim::io::parse_fixtures(missing_file), Catch::Contains("software.json"));
}
