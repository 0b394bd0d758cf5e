#include "cleanup.hpp"

#include <cstdio>

namespace cleanup {
namespace {

// Every page of a describe call: `member`'s items of each, following NextToken.
std::vector<Json> all_pages(const Ec2& ec2, const std::string& action, Json input,
                            const std::string& member) {
  std::vector<Json> items;
  while (true) {
    const Json page = ec2(action, input);
    for (const Json& item : page.value(member, Json::array())) items.push_back(item);
    if (!page.contains("NextToken") || page["NextToken"].get<std::string>().empty()) return items;
    input["NextToken"] = page["NextToken"];
  }
}

// "2025-10-03T14:05:09.000Z", as EC2 writes CreationDate (UTC).
std::chrono::system_clock::time_point parse_creation_date(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    throw std::runtime_error("not a CreationDate: " + text);
  const std::chrono::sys_days day = std::chrono::year{y} / mo / d;
  return day + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

bool is_protected(const Json& image) {
  return image.value("DeregistrationProtection", "disabled").rfind("enabled", 0) == 0;
}

void remove(const Ec2& ec2, const Json& image, Report& report) {
  const std::string id = image["ImageId"];
  try {
    ec2("DeregisterImage", {{"ImageId", id}});
  } catch (const AwsError& e) {
    report.failed.push_back(id + ": " + e.what());
    return;
  }
  report.deregistered.push_back(id);
  for (const Json& mapping : image.value("BlockDeviceMappings", Json::array())) {
    if (!mapping.contains("Ebs") || !mapping["Ebs"].contains("SnapshotId")) continue;
    const std::string snapshot = mapping["Ebs"]["SnapshotId"];
    try {
      ec2("DeleteSnapshot", {{"SnapshotId", snapshot}});
      report.deleted_snapshots.push_back(snapshot);
    } catch (const AwsError& e) {
      report.failed.push_back(snapshot + ": " + e.what());
    }
  }
}

}  // namespace

std::set<std::string> images_in_use(const Ec2& ec2) {
  std::set<std::string> used;
  const Json live = {{"Filters",
                      {{{"Name", "instance-state-name"},
                        {"Values", {"pending", "running", "stopping", "stopped"}}}}}};
  for (const Json& reservation : all_pages(ec2, "DescribeInstances", live, "Reservations"))
    for (const Json& instance : reservation["Instances"]) used.insert(instance["ImageId"]);
  for (const Json& lt :
       all_pages(ec2, "DescribeLaunchTemplates", Json::object(), "LaunchTemplates")) {
    const Json every_version = {{"LaunchTemplateId", lt["LaunchTemplateId"]}};
    for (const Json& v : all_pages(ec2, "DescribeLaunchTemplateVersions", every_version,
                                   "LaunchTemplateVersions")) {
      const Json& data = v.value("LaunchTemplateData", Json::object());
      if (data.contains("ImageId")) used.insert(data["ImageId"].get<std::string>());
    }
  }
  return used;
}

Report clean_up(const Ec2& ec2, std::chrono::system_clock::time_point now,
                std::chrono::days min_age, const InUse& in_use) {
  Report report;
  const std::set<std::string> used = in_use(ec2);
  const Json own = {{"Owners", {"self"}}, {"IncludeDisabled", true}, {"IncludeDeprecated", true}};
  for (const Json& image : all_pages(ec2, "DescribeImages", own, "Images")) {
    if (now - parse_creation_date(image["CreationDate"]) < min_age) continue;
    if (used.count(image["ImageId"]) != 0 || is_protected(image)) {
      report.kept.push_back(image["ImageId"]);
      continue;
    }
    remove(ec2, image, report);
  }
  return report;
}

}  // namespace cleanup
