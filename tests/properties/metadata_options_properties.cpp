// Instance metadata options at launch follow AWS's order of precedence, option by option
// (sim/instances/metadata_options.hpp): for random account defaults, launch template options,
// launch options and AMIs (with and without ImdsSupport v2.0), launched through the EC2 door, each
// option is the launch's own, else its template's, else the account's default, else the AMI's
// (v2.0: required, 2 hops), else EC2's (optional, 1, enabled, disabled, disabled); and the launch
// is refused (UnsupportedOperation) exactly when IMDSv2 is enforced and HttpTokens comes out
// optional. The reference below is written from the API reference and the UG, not from the model.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "api/ec2/dispatch.hpp"
#include "tests/harness.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using Json = nlohmann::json;

namespace {

struct Given {  // one source's members; unset = not given
  std::optional<std::string> tokens, endpoint, ipv6, tags;
  std::optional<int> hops;
};

std::optional<std::string> maybe(const std::string& a, const std::string& b) {
  return *rc::gen::inRange(0, 3) == 0 ? std::optional<std::string>(*rc::gen::element(a, b))
                                      : std::nullopt;
}

Given random_given(bool ipv6) {  // account defaults have no HttpProtocolIpv6
  Given g;
  g.tokens = maybe("optional", "required");
  g.endpoint = maybe("enabled", "disabled");
  if (ipv6) g.ipv6 = maybe("enabled", "disabled");
  g.tags = maybe("enabled", "disabled");
  if (*rc::gen::inRange(0, 3) == 0) g.hops = *rc::gen::inRange(1, 65);
  return g;
}

Json as_json(const Given& g) {
  Json out = Json::object();
  if (g.tokens) out["HttpTokens"] = *g.tokens;
  if (g.hops) out["HttpPutResponseHopLimit"] = *g.hops;
  if (g.endpoint) out["HttpEndpoint"] = *g.endpoint;
  if (g.ipv6) out["HttpProtocolIpv6"] = *g.ipv6;
  if (g.tags) out["InstanceMetadataTags"] = *g.tags;
  return out;
}

template <class T>
T first(const std::optional<T>& a, const std::optional<T>& b, const std::optional<T>& c, T last) {
  return a ? *a : b ? *b : c ? *c : last;
}

}  // namespace

TEST_CASE("Metadata options at launch: launch, template, account, AMI, EC2, option by option") {
  rc::prop("each option comes from the first source that sets it", [] {
    test::Harness h(3);
    const bool v2_ami = *rc::gen::arbitrary<bool>();
    const Given launch = random_given(true);
    const Given templ = random_given(true);
    const Given account = random_given(false);
    const bool enforced = *rc::gen::inRange(0, 4) == 0;

    Json defaults = as_json(account);
    if (enforced) defaults["HttpTokensEnforced"] = "enabled";
    if (!defaults.empty())
      RC_ASSERT(
          amisim::ec2::call(h.world, h.caller, "ModifyInstanceMetadataDefaults", defaults).ok());
    Json data = {{"ImageId", h.catalogue_image(v2_ami ? "al2023-x86_64" : "al2-x86_64").str()},
                 {"InstanceType", "t3.micro"}};
    if (!as_json(templ).empty()) data["MetadataOptions"] = as_json(templ);
    auto created = amisim::ec2::call(h.world, h.caller, "CreateLaunchTemplate",
                                     {{"LaunchTemplateName", "tpl"}, {"LaunchTemplateData", data}});
    RC_LOG() << data.dump() << " -> " << (created.ok() ? "" : created.error().message) << "\n";
    RC_ASSERT(created.ok());
    Json run = {
        {"LaunchTemplate", {{"LaunchTemplateName", "tpl"}}}, {"MinCount", 1}, {"MaxCount", 1}};
    if (!as_json(launch).empty()) run["MetadataOptions"] = as_json(launch);

    const std::string tokens = first<std::string>(launch.tokens, templ.tokens, account.tokens,
                                                  v2_ami ? "required" : "optional");
    const int hops = first<int>(launch.hops, templ.hops, account.hops, v2_ami ? 2 : 1);
    const std::string endpoint =
        first<std::string>(launch.endpoint, templ.endpoint, account.endpoint, "enabled");
    const std::string ipv6 = first<std::string>(launch.ipv6, templ.ipv6, std::nullopt, "disabled");
    const std::string tags = first<std::string>(launch.tags, templ.tags, account.tags, "disabled");

    auto out = amisim::ec2::call(h.world, h.caller, "RunInstances", run);
    if (enforced && tokens != "required") {
      RC_ASSERT(!out.ok());
      RC_ASSERT(out.error().code == "UnsupportedOperation");
      return;
    }
    RC_ASSERT(out.ok());
    const Json& m = out.value()["Instances"][0]["MetadataOptions"];
    RC_ASSERT(m["HttpTokens"] == tokens);
    RC_ASSERT(m["HttpPutResponseHopLimit"] == hops);
    RC_ASSERT(m["HttpEndpoint"] == endpoint);
    RC_ASSERT(m["HttpProtocolIpv6"] == ipv6);
    RC_ASSERT(m["InstanceMetadataTags"] == tags);
  });
}

}  // namespace AMISIM_UNITY_ID
