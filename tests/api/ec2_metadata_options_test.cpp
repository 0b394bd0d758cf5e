// Instance metadata options and detailed monitoring through the EC2 door
// (api/ec2/metadata_options.cpp, sim/instances/metadata_options.hpp). Sources: API reference
// InstanceMetadataOptionsRequest (defaults), Image.ImdsSupport ("Instances launched from this AMI
// will have HttpTokens automatically set to required ... HttpPutResponseHopLimit is set to 2"),
// ModifyInstanceMetadataOptions (pending, then applied; a stopped instance's when started),
// ModifyInstanceMetadataDefaults (no-preference, -1); UG "Configure instance metadata options for
// new instances" (account defaults, hop limit 2 for v2.0 AMIs under no preference, enforcement)
// and "Troubleshoot Amazon EC2 instance launch issues" (the enforcement error).
#include <catch2/catch.hpp>
#include <string>

#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

// al2023 images carry ImdsSupport v2.0 in the catalogue; al2 images none.
Json run_input(Ec2& ec2, const std::string& family, const Json& extra = Json::object()) {
  Json in = {{"ImageId", ec2.catalogue_image(family).str()},
             {"InstanceType", "t3.micro"},
             {"MinCount", 1},
             {"MaxCount", 1}};
  in.update(extra);
  return in;
}

Json launched(Ec2& ec2, const std::string& family, const Json& extra = Json::object()) {
  return ec2.ok("RunInstances", run_input(ec2, family, extra))["Instances"][0];
}

Json described(Ec2& ec2, const std::string& id) {
  return ec2.ok("DescribeInstances", {{"InstanceIds", {id}}})["Reservations"][0]["Instances"][0];
}

Json options(const std::string& tokens, int hops, const std::string& endpoint = "enabled",
             const std::string& ipv6 = "disabled", const std::string& tags = "disabled") {
  return {{"HttpTokens", tokens},
          {"HttpPutResponseHopLimit", hops},
          {"HttpEndpoint", endpoint},
          {"HttpProtocolIpv6", ipv6},
          {"InstanceMetadataTags", tags}};
}

// The options without their State.
Json without_state(Json o) {
  o.erase("State");
  return o;
}

}  // namespace

TEST_CASE("A launch gets EC2's defaults, or IMDSv2 and two hops from an ImdsSupport v2.0 AMI",
          "[ec2][imds]") {
  Ec2 ec2;
  const Json plain = launched(ec2, "al2-x86_64");
  CHECK(without_state(plain["MetadataOptions"]) == options("optional", 1));
  CHECK(plain["MetadataOptions"]["State"] == "pending");  // the instance is still pending
  const Json v2 = launched(ec2, "al2023-x86_64");
  CHECK(without_state(v2["MetadataOptions"]) == options("required", 2));
  CHECK(plain["Monitoring"]["State"] == "disabled");
  ec2.settle();
  const Json running = described(ec2, plain["InstanceId"]);
  CHECK(running["State"]["Name"] == "running");
  CHECK(running["MetadataOptions"]["State"] == "applied");
}

TEST_CASE("RunInstances MetadataOptions set each option, over the AMI's", "[ec2][imds]") {
  Ec2 ec2;
  const Json given = {{"HttpTokens", "optional"},
                      {"HttpPutResponseHopLimit", 5},
                      {"HttpEndpoint", "disabled"},
                      {"HttpProtocolIpv6", "enabled"},
                      {"InstanceMetadataTags", "enabled"}};
  const Json i = launched(ec2, "al2023-x86_64",
                          {{"MetadataOptions", given}, {"Monitoring", {{"Enabled", true}}}});
  CHECK(without_state(i["MetadataOptions"]) == given);
  CHECK(i["Monitoring"]["State"] == "enabled");
  // A member left out keeps the AMI's: only the hop limit given here.
  const Json hops =
      launched(ec2, "al2023-x86_64", {{"MetadataOptions", {{"HttpPutResponseHopLimit", 7}}}});
  CHECK(without_state(hops["MetadataOptions"]) == options("required", 7));
}

TEST_CASE("Bad metadata options are refused with InvalidParameterValue and nothing launches",
          "[ec2][imds]") {
  Ec2 ec2;
  for (const Json& bad :
       {Json{{"HttpTokens", "Required"}}, Json{{"HttpPutResponseHopLimit", 0}},
        Json{{"HttpPutResponseHopLimit", 65}}, Json{{"HttpEndpoint", "on"}},
        Json{{"HttpProtocolIpv6", "yes"}}, Json{{"InstanceMetadataTags", "Enabled"}}}) {
    INFO(bad.dump());
    CHECK(
        ec2.error("RunInstances", run_input(ec2, "al2-x86_64", {{"MetadataOptions", bad}})).code ==
        "InvalidParameterValue");
  }
  CHECK(ec2.ok("DescribeInstances")["Reservations"].empty());
}

TEST_CASE(
    "ModifyInstanceMetadataOptions answers pending; a running instance's change is applied, "
    "a stopped one's when it starts",
    "[ec2][imds]") {
  Ec2 ec2;
  const std::string id = launched(ec2, "al2-x86_64")["InstanceId"];
  ec2.settle();
  const Json out =
      ec2.ok("ModifyInstanceMetadataOptions",
             {{"InstanceId", id}, {"HttpTokens", "required"}, {"HttpPutResponseHopLimit", 3}});
  CHECK(out["InstanceId"] == id);
  CHECK(out["InstanceMetadataOptions"]["State"] == "pending");
  CHECK(without_state(out["InstanceMetadataOptions"]) == options("required", 3));
  CHECK(described(ec2, id)["MetadataOptions"]["State"] == "applied");

  ec2.ok("StopInstances", {{"InstanceIds", {id}}});
  ec2.settle();
  ec2.ok("ModifyInstanceMetadataOptions",
         {{"InstanceId", id}, {"InstanceMetadataTags", "enabled"}});
  Json stopped = described(ec2, id)["MetadataOptions"];
  CHECK(stopped["State"] == "pending");
  CHECK(stopped["InstanceMetadataTags"] == "enabled");
  CHECK(stopped["HttpTokens"] == "required");  // the members not given are kept
  ec2.ok("StartInstances", {{"InstanceIds", {id}}});
  ec2.settle();
  CHECK(described(ec2, id)["MetadataOptions"]["State"] == "applied");
}

TEST_CASE("ModifyInstanceMetadataOptions refusals", "[ec2][imds]") {
  Ec2 ec2;
  const std::string id = launched(ec2, "al2-x86_64")["InstanceId"];
  CHECK(ec2.error("ModifyInstanceMetadataOptions", {{"InstanceId", id}}).code ==
        "InvalidParameterCombination");
  CHECK(ec2.error("ModifyInstanceMetadataOptions",
                  {{"InstanceId", id}, {"HttpPutResponseHopLimit", 100}})
            .code == "InvalidParameterValue");
  CHECK(ec2.error("ModifyInstanceMetadataOptions",
                  {{"InstanceId", "i-00000000000000000"}, {"HttpTokens", "required"}})
            .code == "InvalidInstanceID.NotFound");
  CHECK(ec2.error("ModifyInstanceMetadataOptions",
                  {{"InstanceId", "i-x"}, {"HttpTokens", "required"}})
            .code == "InvalidInstanceID.Malformed");
  // Another account's instance is not found (accounts are walls).
  const sim::Caller other = ec2.as(test::kOther);
  CHECK(ec2.error("ModifyInstanceMetadataOptions", {{"InstanceId", id}, {"HttpTokens", "required"}},
                  &other)
            .code == "InvalidInstanceID.NotFound");
  ec2.ok("TerminateInstances", {{"InstanceIds", {id}}});
  CHECK(ec2.error("ModifyInstanceMetadataOptions", {{"InstanceId", id}, {"HttpTokens", "required"}})
            .code == "IncorrectInstanceState");
  CHECK(described(ec2, id)["MetadataOptions"]["HttpTokens"] == "optional");
}

TEST_CASE(
    "Account defaults apply to new launches only, outrank the AMI, and clear with "
    "no-preference",
    "[ec2][imds]") {
  Ec2 ec2;
  const Json empty = ec2.ok("GetInstanceMetadataDefaults")["AccountLevel"];
  CHECK(empty == Json{{"ManagedBy", "account"}});
  const std::string before = launched(ec2, "al2-x86_64")["InstanceId"];

  CHECK(ec2.ok("ModifyInstanceMetadataDefaults",
               {{"HttpTokens", "required"}, {"InstanceMetadataTags", "enabled"}})["Return"] ==
        true);
  const Json level = ec2.ok("GetInstanceMetadataDefaults")["AccountLevel"];
  CHECK(level == Json{{"HttpTokens", "required"},
                      {"InstanceMetadataTags", "enabled"},
                      {"ManagedBy", "account"}});
  // No preference for the hop limit: 1 for an AMI without ImdsSupport (UG).
  CHECK(without_state(launched(ec2, "al2-x86_64")["MetadataOptions"]) ==
        options("required", 1, "enabled", "disabled", "enabled"));
  CHECK(described(ec2, before)["MetadataOptions"]["HttpTokens"] == "optional");  // unchanged

  // The account's "optional" outranks the AMI's v2.0 (API reference, HttpTokens default); the hop
  // limit, still no preference, is the v2.0 AMI's 2.
  ec2.ok("ModifyInstanceMetadataDefaults", {{"HttpTokens", "optional"}});
  CHECK(without_state(launched(ec2, "al2023-x86_64")["MetadataOptions"]) ==
        options("optional", 2, "enabled", "disabled", "enabled"));
  // The launch's own value outranks the account's.
  CHECK(launched(ec2, "al2-x86_64",
                 {{"MetadataOptions",
                   {{"HttpTokens", "required"}}}})["MetadataOptions"]["HttpTokens"] == "required");

  ec2.ok("ModifyInstanceMetadataDefaults", {{"HttpPutResponseHopLimit", 4}});
  CHECK(ec2.ok("GetInstanceMetadataDefaults")["AccountLevel"]["HttpPutResponseHopLimit"] == 4);
  ec2.ok("ModifyInstanceMetadataDefaults", {{"HttpTokens", "no-preference"},
                                            {"HttpPutResponseHopLimit", -1},
                                            {"InstanceMetadataTags", "no-preference"}});
  CHECK(ec2.ok("GetInstanceMetadataDefaults")["AccountLevel"] == Json{{"ManagedBy", "account"}});
  CHECK(without_state(launched(ec2, "al2023-x86_64")["MetadataOptions"]) == options("required", 2));

  // Per account and per Region.
  ec2.ok("ModifyInstanceMetadataDefaults", {{"HttpTokens", "required"}});
  const sim::Caller other = ec2.as(test::kOther);
  const sim::Caller west = ec2.in("us-west-2");
  CHECK_FALSE(
      ec2.ok("GetInstanceMetadataDefaults", {}, &other)["AccountLevel"].contains("HttpTokens"));
  CHECK_FALSE(
      ec2.ok("GetInstanceMetadataDefaults", {}, &west)["AccountLevel"].contains("HttpTokens"));

  for (const Json& bad : {Json{{"HttpTokens", "v2"}}, Json{{"HttpPutResponseHopLimit", 0}},
                          Json{{"HttpPutResponseHopLimit", -2}}, Json{{"HttpEndpoint", "on"}},
                          Json{{"HttpTokensEnforced", "yes"}}}) {
    INFO(bad.dump());
    CHECK(ec2.error("ModifyInstanceMetadataDefaults", bad).code == "InvalidParameterValue");
  }
}

TEST_CASE("IMDSv2 enforcement refuses IMDSv1 launches and turning IMDSv1 back on", "[ec2][imds]") {
  Ec2 ec2;
  const std::string v1 = launched(ec2, "al2-x86_64")["InstanceId"];  // before enforcement
  const std::string v2 = launched(ec2, "al2023-x86_64")["InstanceId"];
  ec2.ok("ModifyInstanceMetadataDefaults", {{"HttpTokensEnforced", "enabled"}});
  const auto refused = ec2.error("RunInstances", run_input(ec2, "al2-x86_64"));
  CHECK(refused.code == "UnsupportedOperation");
  CHECK(refused.message.rfind("You can't launch instances with IMDSv1 because httpTokensEnforced "
                              "is enabled for this account.",
                              0) == 0);
  // Required by the AMI, by the launch, or by the account's default: allowed.
  launched(ec2, "al2023-x86_64");
  launched(ec2, "al2-x86_64", {{"MetadataOptions", {{"HttpTokens", "required"}}}});
  ec2.ok("ModifyInstanceMetadataDefaults", {{"HttpTokens", "required"}});
  launched(ec2, "al2-x86_64");
  // Existing instances: IMDSv1 cannot come back, but one that has it keeps changing.
  CHECK(ec2.error("ModifyInstanceMetadataOptions", {{"InstanceId", v2}, {"HttpTokens", "optional"}})
            .code == "UnsupportedOperation");
  ec2.ok("ModifyInstanceMetadataOptions", {{"InstanceId", v1}, {"HttpPutResponseHopLimit", 2}});
  ec2.ok("ModifyInstanceMetadataDefaults", {{"HttpTokensEnforced", "disabled"}});
  ec2.ok("ModifyInstanceMetadataOptions", {{"InstanceId", v2}, {"HttpTokens", "optional"}});
}

TEST_CASE(
    "A launch template's MetadataOptions and Monitoring reach its instances, under the "
    "launch's own",
    "[ec2][imds]") {
  Ec2 ec2;
  const Json data = {
      {"ImageId", ec2.catalogue_image("al2-x86_64").str()},
      {"InstanceType", "t3.micro"},
      {"MetadataOptions", {{"HttpTokens", "required"}, {"HttpPutResponseHopLimit", 3}}},
      {"Monitoring", {{"Enabled", true}}}};
  ec2.ok("CreateLaunchTemplate", {{"LaunchTemplateName", "web"}, {"LaunchTemplateData", data}});
  const Json version = ec2.ok("DescribeLaunchTemplateVersions",
                              {{"LaunchTemplateName", "web"}})["LaunchTemplateVersions"][0];
  CHECK(version["LaunchTemplateData"]["MetadataOptions"] == data["MetadataOptions"]);
  CHECK(version["LaunchTemplateData"]["Monitoring"] == data["Monitoring"]);
  const Json launch = {
      {"LaunchTemplate", {{"LaunchTemplateName", "web"}}}, {"MinCount", 1}, {"MaxCount", 1}};
  const Json i = ec2.ok("RunInstances", launch)["Instances"][0];
  CHECK(without_state(i["MetadataOptions"]) == options("required", 3));
  CHECK(i["Monitoring"]["State"] == "enabled");
  Json over = launch;
  over["MetadataOptions"] = {{"HttpPutResponseHopLimit", 9}};
  CHECK(without_state(ec2.ok("RunInstances", over)["Instances"][0]["MetadataOptions"]) ==
        options("required", 9));
  CHECK(ec2.error("CreateLaunchTemplateVersion",
                  {{"LaunchTemplateName", "web"},
                   {"LaunchTemplateData", {{"MetadataOptions", {{"HttpTokens", "v2"}}}}}})
            .code == "InvalidParameterValue");
}

TEST_CASE("MonitorInstances and UnmonitorInstances turn detailed monitoring on and off",
          "[ec2][monitoring]") {
  Ec2 ec2;
  const std::string a = launched(ec2, "al2-x86_64")["InstanceId"];
  const std::string b = launched(ec2, "al2-x86_64")["InstanceId"];
  const Json on = ec2.ok("MonitorInstances", {{"InstanceIds", {a}}});
  CHECK(on["InstanceMonitorings"] ==
        Json::array({{{"InstanceId", a}, {"Monitoring", {{"State", "pending"}}}}}));
  CHECK(described(ec2, a)["Monitoring"]["State"] == "enabled");
  CHECK(described(ec2, b)["Monitoring"]["State"] == "disabled");
  const Json filtered =
      ec2.ok("DescribeInstances",
             {{"Filters", {{{"Name", "monitoring-state"}, {"Values", {"enabled"}}}}}});
  REQUIRE(filtered["Reservations"].size() == 1);
  CHECK(filtered["Reservations"][0]["Instances"][0]["InstanceId"] == a);
  // All or nothing.
  CHECK(ec2.error("MonitorInstances", {{"InstanceIds", {b, "i-00000000000000000"}}}).code ==
        "InvalidInstanceID.NotFound");
  CHECK(described(ec2, b)["Monitoring"]["State"] == "disabled");
  const Json off = ec2.ok("UnmonitorInstances", {{"InstanceIds", {a}}});
  CHECK(off["InstanceMonitorings"][0]["Monitoring"]["State"] == "disabling");
  CHECK(described(ec2, a)["Monitoring"]["State"] == "disabled");
}

TEST_CASE("DescribeInstances filters by metadata options", "[ec2][imds]") {
  Ec2 ec2;
  const std::string v1 = launched(ec2, "al2-x86_64")["InstanceId"];
  const std::string v2 = launched(ec2, "al2023-x86_64")["InstanceId"];
  auto ids = [&](const std::string& name, const std::string& value) {
    std::vector<std::string> out;
    const Json r =
        ec2.ok("DescribeInstances", {{"Filters", {{{"Name", name}, {"Values", {value}}}}}});
    for (const Json& res : r["Reservations"])
      for (const Json& i : res["Instances"]) out.push_back(i["InstanceId"]);
    return out;
  };
  CHECK(ids("metadata-options.http-tokens", "optional") == std::vector<std::string>{v1});
  CHECK(ids("metadata-options.http-tokens", "required") == std::vector<std::string>{v2});
  CHECK(ids("metadata-options.http-put-response-hop-limit", "2") == std::vector<std::string>{v2});
  CHECK(ids("metadata-options.http-endpoint", "enabled").size() == 2);
  CHECK(ids("metadata-options.instance-metadata-tags", "enabled").empty());
  CHECK(ec2.error("DescribeInstances",
                  {{"Filters", {{{"Name", "metadata-options.state"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilter");
}
