// Boot and readiness: the user-data installs of an instance's first boot. Each package named by a
// "#amisim install ..." line that the root volume does not already hold is installed in turn
// (fixtures/software.json gives its time and size); status checks stay initializing until the
// last one is done. An image made from an instance carries its packages on the root snapshot, so
// an instance launched from it skips them: the reason golden AMIs exist.
#include <set>
#include <sstream>

#include "sim/ebs/volumes.hpp"
#include "sim/instances/detail.hpp"
#include "sim/instances/instances.hpp"

namespace amisim::sim {

namespace {

constexpr std::string_view kInstallDirective = "#amisim install";

// The names after the directive on one line, or nothing when the line is not a directive.
std::vector<std::string> directive_names(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.substr(0, kInstallDirective.size()) != kInstallDirective) return {};
  line.remove_prefix(kInstallDirective.size());
  // "#amisim installer" is not the directive: a separator must follow.
  if (!line.empty() && line.front() != ' ' && line.front() != '\t' && line.front() != '\r')
    return {};
  std::istringstream words{std::string(line)};
  std::vector<std::string> names;
  for (std::string word; words >> word;) names.push_back(word);
  return names;
}

}  // namespace

std::vector<std::string> packages_in_user_data(const std::string& user_data) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= user_data.size()) {
    std::size_t end = user_data.find('\n', start);
    if (end == std::string::npos) end = user_data.size();
    const std::string_view line(user_data.data() + start, end - start);
    for (auto& name : directive_names(line)) {
      if (seen.insert(name).second) out.push_back(std::move(name));
    }
    start = end + 1;
  }
  return out;
}

namespace detail {

void begin_first_boot_installs(World& world, RegionState& region, Instance& instance) {
  const Volume* root = root_volume(region, instance);
  instance.pending_packages.clear();
  DurationMs total = 0;
  for (const auto& name : packages_in_user_data(instance.user_data)) {
    // Unknown names are ignored: a failing line of a user-data script does not fail the launch
    // (cloud-init runs after RunInstances has returned), it just installs nothing.
    const SoftwarePackage* package = world.fixtures().find_software(name);
    if (!package || (root && root->data && root->data->packages.count(name))) continue;
    instance.pending_packages.push_back(name);
    total += package->install_ms;
  }
  instance.ready_at = world.now() + total;
  if (instance.pending_packages.empty()) return;
  const std::string& first = instance.pending_packages.front();
  schedule_transition(world, instance, EventKind::kPackageInstalled,
                      world.fixtures().find_software(first)->install_ms, first);
}

void finish_package_install(World& world, RegionState& region, Instance& instance,
                            const std::string& package) {
  if (instance.pending_packages.empty() || instance.pending_packages.front() != package) return;
  instance.pending_packages.erase(instance.pending_packages.begin());
  instance.pending_seq = 0;
  const SoftwarePackage* info = world.fixtures().find_software(package);
  if (Volume* root = root_volume(region, instance); root && info) {
    write_to_volume(world, *root, info->size_bytes);
    add_package(*root, package);
  }
  if (instance.pending_packages.empty()) return;
  const std::string& next = instance.pending_packages.front();
  schedule_transition(world, instance, EventKind::kPackageInstalled,
                      world.fixtures().find_software(next)->install_ms, next);
}

}  // namespace detail
}  // namespace amisim::sim
