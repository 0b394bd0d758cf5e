// Launch templates in the model: versions, the default version, deletes, and RunInstances with a
// template (sim/instances/launch_templates.cpp).
#include "sim/instances/launch_templates.hpp"

#include <catch2/catch.hpp>

#include "harness.hpp"
#include "sim/instances/instances.hpp"
#include "sim/tagging.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

LaunchTemplateData data_for(const ImageId& image, const std::string& type = "t3.micro") {
  LaunchTemplateData d;
  d.image_id = image.str();
  d.instance_type = type;
  return d;
}

const LaunchTemplate& create(test::Harness& h, const std::string& name,
                             const LaunchTemplateData& data, const Caller* as = nullptr) {
  CreateLaunchTemplateRequest r;
  r.name = name;
  r.data = data;
  return *expect_ok(create_launch_template(h.world, as ? *as : h.caller, r));
}

std::int64_t add_version(test::Harness& h, const LaunchTemplate& lt, const LaunchTemplateData& d,
                         const std::string& source = "") {
  CreateLaunchTemplateVersionRequest r;
  r.ref.id = lt.id.str();
  r.source_version = source;
  r.data = d;
  return expect_ok(create_launch_template_version(h.world, h.caller, r)).version->number;
}

const Instance& launch_from(test::Harness& h, const LaunchTemplate& lt,
                            const std::string& version = "") {
  RunInstancesRequest r;
  r.launch_template = LaunchTemplateSpecification{lt.id.str(), "", version};
  return *expect_ok(run_instances(h.world, h.caller, r)).instances.at(0);
}

}  // namespace

TEST_CASE("CreateLaunchTemplate makes version 1, the default and the latest") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", data_for(h.catalogue_image("al2023-x86_64")));
  CHECK(lt.id.str().rfind("lt-0", 0) == 0);
  CHECK(lt.id.str().size() == 3 + 17);
  CHECK(lt.default_version == 1);
  CHECK(lt.latest_version() == 1);
  CHECK(lt.created_by == "arn:aws:iam::123456789012:root");
  CHECK(lt.create_time == h.world.now());
}

TEST_CASE("Launch template names are unique per account per Region, and checked") {
  test::Harness h;
  const LaunchTemplateData d = data_for(h.catalogue_image("al2023-x86_64"));
  create(h, "web", d);
  CreateLaunchTemplateRequest again{"web", "", d, {}, false};
  expect_error(create_launch_template(h.world, h.caller, again),
               "InvalidLaunchTemplateName.AlreadyExistsException");
  const Caller other = h.as("210987654321");
  const Caller west = h.in("us-west-2");
  expect_ok(create_launch_template(h.world, other, again));
  expect_ok(create_launch_template(h.world, west, again));
  for (const char* bad : {"ab", "has space", "semi;colon"}) {
    CreateLaunchTemplateRequest r{bad, "", d, {}, false};
    expect_error(create_launch_template(h.world, h.caller, r),
                 "InvalidLaunchTemplateName.MalformedException");
  }
}

TEST_CASE("A new version from a SourceVersion keeps the source's data except what it sets") {
  test::Harness h;
  LaunchTemplateData d = data_for(h.catalogue_image("al2023-x86_64"));
  d.key_name = "deploy";
  const LaunchTemplate& lt = create(h, "web", d);
  LaunchTemplateData change;
  change.instance_type = "t3.small";
  CHECK(add_version(h, lt, change, "1") == 2);
  const LaunchTemplateData& v2 = lt.versions.at(2).data;
  CHECK(v2.image_id == d.image_id);
  CHECK(v2.key_name == std::optional<std::string>("deploy"));
  CHECK(v2.instance_type == std::optional<std::string>("t3.small"));
  // Without a source the version holds only what it was given.
  CHECK(add_version(h, lt, change) == 3);
  CHECK_FALSE(lt.versions.at(3).data.image_id);
  CHECK(lt.default_version == 1);
  CHECK(lt.latest_version() == 3);
}

TEST_CASE("Version lookups: numbers, $Latest, $Default, and the errors") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", data_for(h.catalogue_image("al2023-x86_64")));
  add_version(h, lt, {});
  CHECK(expect_ok(find_launch_template_version(lt, "$Latest"))->number == 2);
  CHECK(expect_ok(find_launch_template_version(lt, "$Default"))->number == 1);
  CHECK(expect_ok(find_launch_template_version(lt, ""))->number == 1);
  CHECK(expect_ok(find_launch_template_version(lt, "2"))->number == 2);
  Error e = expect_error(find_launch_template_version(lt, "7"),
                         "InvalidLaunchTemplateId.VersionNotFound");
  CHECK(e.message == "Could not find the specified version 7 for the launch template with ID " +
                         lt.id.str() + ".");
  expect_error(find_launch_template_version(lt, "latest"), "InvalidParameterValue");
  expect_error(find_launch_template_version(lt, "-1"), "InvalidParameterValue");
}

TEST_CASE("Templates are found by ID or name only for their account and Region") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", data_for(h.catalogue_image("al2023-x86_64")));
  CHECK(expect_ok(find_launch_template(h.world, h.caller, {lt.id.str(), ""})) == &lt);
  CHECK(expect_ok(find_launch_template(h.world, h.caller, {"", "web"})) == &lt);
  const Caller west = h.in("us-west-2");
  const Caller other = h.as("210987654321");
  expect_error(find_launch_template(h.world, west, {lt.id.str(), ""}),
               "InvalidLaunchTemplateId.NotFound");
  expect_error(find_launch_template(h.world, other, {lt.id.str(), ""}),
               "InvalidLaunchTemplateId.NotFound");
  Error e = expect_error(find_launch_template(h.world, west, {"", "web"}),
                         "InvalidLaunchTemplateName.NotFoundException");
  CHECK(e.message == "The specified launch template, with template name web, does not exist.");
  expect_error(find_launch_template(h.world, h.caller, {"lt-xyz", ""}),
               "InvalidLaunchTemplateId.Malformed");
  expect_error(find_launch_template(h.world, h.caller, {"", ""}), "MissingParameter");
  expect_error(find_launch_template(h.world, h.caller, {lt.id.str(), "web"}),
               "InvalidParameterCombination");
}

TEST_CASE("DeleteLaunchTemplateVersions keeps the default and never reuses a number") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", data_for(h.catalogue_image("al2023-x86_64")));
  add_version(h, lt, {});
  add_version(h, lt, {});
  auto r = expect_ok(
      delete_launch_template_versions(h.world, h.caller, {lt.id.str(), ""}, {"1", "3", "9"}));
  REQUIRE(r.deleted.size() == 1);
  CHECK(r.deleted[0].number == 3);
  REQUIRE(r.failed.size() == 2);
  CHECK(r.failed[0].number == 1);  // the default
  CHECK(r.failed[1].number == 9);
  CHECK(r.failed[1].code == "launchTemplateVersionDoesNotExist");
  CHECK(lt.versions.count(1) == 1);
  CHECK(lt.latest_version() == 2);
  CHECK(add_version(h, lt, {}) == 4);  // 3 was deleted, and is not issued again
  expect_error(delete_launch_template_versions(h.world, h.caller, {lt.id.str(), ""}, {"$Latest"}),
               "InvalidParameterValue");
}

TEST_CASE("ModifyLaunchTemplate sets the default, a missing version is refused") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", data_for(h.catalogue_image("al2023-x86_64")));
  add_version(h, lt, {});
  expect_ok(modify_launch_template(h.world, h.caller, {"", "web"}, "2"));
  CHECK(lt.default_version == 2);
  expect_error(modify_launch_template(h.world, h.caller, {"", "web"}, "5"),
               "InvalidLaunchTemplateId.VersionNotFound");
  CHECK(lt.default_version == 2);
  expect_error(modify_launch_template(h.world, h.caller, {"", "web"}, "1", true),
               "DryRunOperation");
  CHECK(lt.default_version == 2);
}

TEST_CASE("RunInstances from a template uses the default version unless told otherwise") {
  test::Harness h;
  const ImageId old_ami = h.catalogue_image("al2023-x86_64");
  const ImageId new_ami = h.catalogue_image("ubuntu-24.04-x86_64");
  REQUIRE(old_ami != new_ami);
  const LaunchTemplate& lt = create(h, "web", data_for(old_ami));
  add_version(h, lt, data_for(new_ami, "t3.small"));
  CHECK(launch_from(h, lt).image_id == old_ami);
  const Instance& latest = launch_from(h, lt, "$Latest");
  CHECK(latest.image_id == new_ami);
  CHECK(latest.instance_type == "t3.small");
  CHECK(launch_from(h, lt, "1").image_id == old_ami);
  expect_ok(modify_launch_template(h.world, h.caller, {lt.id.str(), ""}, "2"));
  CHECK(launch_from(h, lt).image_id == new_ami);
}

TEST_CASE("RunInstances: the request's own values override the template's") {
  test::Harness h;
  LaunchTemplateData d = data_for(h.catalogue_image("al2023-x86_64"));
  d.user_data = "#!/bin/sh\necho template\n";
  d.tag_specifications = {{"instance", {{"Name", "from-template"}, {"team", "web"}}}};
  const LaunchTemplate& lt = create(h, "web", d);
  RunInstancesRequest r;
  r.launch_template = LaunchTemplateSpecification{"", "web", ""};
  r.image_id = h.catalogue_image("debian-12-x86_64").str();
  r.instance_type = "m5.large";
  r.tag_specifications = {{"instance", {{"Name", "from-request"}}}};
  const Instance& i = *expect_ok(run_instances(h.world, h.caller, r)).instances.at(0);
  CHECK(i.image_id.str() == r.image_id);
  CHECK(i.instance_type == "m5.large");
  CHECK(i.user_data == *d.user_data);  // not overridden: the template's
  CHECK(i.tags.at("Name") == "from-request");
  CHECK(i.tags.at("team") == "web");
  (void)lt;
}

TEST_CASE("RunInstances with a template: unknown template, version, or no image anywhere") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", {});
  RunInstancesRequest r;
  r.launch_template = LaunchTemplateSpecification{lt.id.str(), "", ""};
  expect_error(run_instances(h.world, h.caller, r), "MissingParameter");
  r.launch_template->version = "4";
  r.image_id = h.catalogue_image("al2023-x86_64").str();
  expect_error(run_instances(h.world, h.caller, r), "InvalidLaunchTemplateId.VersionNotFound");
  r.launch_template = LaunchTemplateSpecification{"", "nope", ""};
  expect_error(run_instances(h.world, h.caller, r), "InvalidLaunchTemplateName.NotFoundException");
  CHECK(h.world.region_of(h.caller).instances.empty());
}

TEST_CASE("DeleteLaunchTemplate removes it and frees its name, instances stay") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", data_for(h.catalogue_image("al2023-x86_64")));
  const LaunchTemplateId id = lt.id;
  const InstanceId instance = launch_from(h, lt).id;
  const std::string before = h.world.digest();
  LaunchTemplate gone = expect_ok(delete_launch_template(h.world, h.caller, {"", "web"}));
  CHECK(gone.id == id);
  CHECK(h.world.digest() != before);  // the digest sees launch templates
  CHECK(h.world.region_of(h.caller).launch_templates.empty());
  expect_error(find_launch_template(h.world, h.caller, {id.str(), ""}),
               "InvalidLaunchTemplateId.NotFound");
  CHECK(find_instance(h.world, h.caller, instance) != nullptr);
  create(h, "web", {});
}

TEST_CASE("DescribeLaunchTemplateVersions: ranges, lists, aliases over all templates") {
  test::Harness h;
  const LaunchTemplate& a = create(h, "a-template", data_for(h.catalogue_image("al2023-x86_64")));
  const LaunchTemplate& b = create(h, "b-template", {});
  for (int i = 0; i < 4; ++i) add_version(h, a, {});
  DescribeLaunchTemplateVersionsRequest r;
  r.ref = LaunchTemplateRef{a.id.str(), ""};
  auto all = expect_ok(describe_launch_template_versions(h.world, h.caller, r));
  REQUIRE(all.versions.size() == 5);
  CHECK(all.versions.front().version->number == 5);  // newest first
  r.min_version = "2";
  r.max_version = "3";
  auto range = expect_ok(describe_launch_template_versions(h.world, h.caller, r));
  REQUIRE(range.versions.size() == 2);
  r.min_version = r.max_version = "";
  r.versions = {"$Default", "4"};
  auto listed = expect_ok(describe_launch_template_versions(h.world, h.caller, r));
  REQUIRE(listed.versions.size() == 2);
  CHECK(listed.versions[0].version->number == 4);
  CHECK(listed.versions[1].version->number == 1);
  DescribeLaunchTemplateVersionsRequest every;
  every.versions = {"$Latest"};
  auto latest = expect_ok(describe_launch_template_versions(h.world, h.caller, every));
  REQUIRE(latest.versions.size() == 2);
  every.versions = {"2"};
  expect_error(describe_launch_template_versions(h.world, h.caller, every), "MissingParameter");
  (void)b;
}

// UG launch-instances-from-launch-template: "Instances that are launched using a launch template
// are automatically assigned two tags with the keys aws:ec2launchtemplate:id and
// aws:ec2launchtemplate:version. You cannot remove or edit these tags." AWS tag restrictions:
// aws:-prefixed tags do not count against the 50 tags per resource.
TEST_CASE("An instance from a template carries aws:ec2launchtemplate:id and :version, for good") {
  test::Harness h;
  const LaunchTemplate& lt = create(h, "web", data_for(h.catalogue_image("al2023-x86_64")));
  add_version(h, lt, data_for(h.catalogue_image("al2023-x86_64"), "t3.small"));
  for (const auto& [asked, number] :
       {std::pair<std::string, std::string>{"", "1"}, {"$Latest", "2"}, {"2", "2"}}) {
    const Instance& i = launch_from(h, lt, asked);
    CHECK(i.tags.at("aws:ec2launchtemplate:id") == lt.id.str());
    CHECK(i.tags.at("aws:ec2launchtemplate:version") == number);
  }
  const Instance& i = launch_from(h, lt);
  const std::string id = i.id.str();
  // Not removable, not editable.
  expect_error(delete_tags(h.world, h.caller, {id}, {{"aws:ec2launchtemplate:id", std::nullopt}}),
               "InvalidParameterValue");
  expect_error(create_tags(h.world, h.caller, {id}, {{"aws:ec2launchtemplate:version", "9"}}),
               "InvalidParameterValue");
  // 50 of the user's own tags still fit next to the two.
  std::vector<Tag> fifty;
  for (int n = 0; n < 50; ++n) fifty.push_back({"k" + std::to_string(n), "v"});
  expect_ok(create_tags(h.world, h.caller, {id}, fifty));
  expect_error(create_tags(h.world, h.caller, {id}, {{"one-more", "v"}}), "TagLimitExceeded");
  // Launched without a template: neither tag.
  RunInstancesRequest plain;
  plain.image_id = h.catalogue_image("al2023-x86_64").str();
  plain.instance_type = "t3.micro";
  const Instance& p = *expect_ok(run_instances(h.world, h.caller, plain)).instances.at(0);
  CHECK(p.tags.count("aws:ec2launchtemplate:id") == 0);
}

// LaunchTemplateData carries DisableApiTermination, DisableApiStop,
// InstanceInitiatedShutdownBehavior and EbsOptimized (APIREF RequestLaunchTemplateData); a launch
// takes them unless the request sets its own.
TEST_CASE("A template's protection, shutdown behaviour and EBS optimization reach its instances") {
  test::Harness h;
  LaunchTemplateData d = data_for(h.catalogue_image("al2023-x86_64"));
  d.disable_api_termination = true;
  d.shutdown_behavior = "terminate";
  d.ebs_optimized = true;
  const LaunchTemplate& lt = create(h, "guarded", d);
  const Instance& from_template = launch_from(h, lt);
  CHECK(from_template.disable_api_termination);
  CHECK(from_template.shutdown_terminates);
  CHECK(from_template.ebs_optimized);
  CHECK_FALSE(from_template.disable_api_stop);
  RunInstancesRequest r;
  r.launch_template = LaunchTemplateSpecification{lt.id.str(), "", ""};
  r.disable_api_termination = false;  // the request's own value wins
  const Instance& overridden = *expect_ok(run_instances(h.world, h.caller, r)).instances.at(0);
  CHECK_FALSE(overridden.disable_api_termination);
  CHECK(overridden.ebs_optimized);
  // A version from the template keeps them unless it sets its own.
  LaunchTemplateData v2;
  v2.disable_api_stop = true;
  add_version(h, lt, v2, "1");
  const Instance& from_v2 = launch_from(h, lt, "2");
  CHECK(from_v2.disable_api_termination);
  CHECK(from_v2.disable_api_stop);
  LaunchTemplateData bad = data_for(h.catalogue_image("al2023-x86_64"));
  bad.shutdown_behavior = "hibernate";
  CreateLaunchTemplateRequest req;
  req.name = "bad";
  req.data = bad;
  expect_error(create_launch_template(h.world, h.caller, req), "InvalidParameterValue");
}

TEST_CASE("A launch template's mapping with an unknown volume type is refused") {
  test::Harness h;
  LaunchTemplateData d = data_for(h.catalogue_image("al2023-x86_64"));
  EbsBlockDevice ebs;
  ebs.volume_size_gib = 10;
  ebs.volume_type = "gp9";
  d.block_device_mappings = {{"/dev/sdf", ebs, "", false}};
  CreateLaunchTemplateRequest req;
  req.name = "typed";
  req.data = d;
  const Error e =
      expect_error(create_launch_template(h.world, h.caller, req), "InvalidParameterValue");
  CHECK(e.message.find("'gp9'") != std::string::npos);
  d.block_device_mappings.at(0).ebs->volume_type = "gp3";
  req.data = d;
  expect_ok(create_launch_template(h.world, h.caller, req));
}
