// Data Lifecycle Manager's dlm door (api/dlm): restJson1 methods, paths and query members, every
// shape check of botocore's dlm 2018-01-12 model as InvalidRequestException naming the member,
// refusals of what amisim does not model, PolicyDetails read into the typed policy and echoed,
// errors on the wire, and journaling with replay.
#include "api/dlm/dlm.hpp"

#include <catch2/catch.hpp>

#include "api/gateway/gateway.hpp"
#include "sim/dlm/dlm.hpp"
#include "tests/api/rest_json_support.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using amisim::http::HttpRequest;
using amisim::http::HttpResponse;
using Json = nlohmann::json;

namespace {

HttpRequest dlm_http(const std::string& method, const std::string& target,
                     const std::string& body = "") {
  return test::rest_json_request("dlm", method, target, body);
}

gw::GatewayOptions manual() {
  gw::GatewayOptions o;
  o.clock = {gw::ClockMode::kManual, 1};
  return o;
}

// An AMI policy using most of what the door reads.
Json image_policy() {
  return Json::parse(R"json({
    "ExecutionRoleArn": "arn:aws:iam::123456789012:role/AWSDataLifecycleManagerDefaultRoleForAMIManagement",
    "Description": "daily AMIs",
    "State": "ENABLED",
    "PolicyDetails": {
      "PolicyType": "IMAGE_MANAGEMENT",
      "ResourceTypes": ["INSTANCE"],
      "TargetTags": [{"Key": "backup", "Value": "daily"}],
      "Schedules": [{
        "Name": "daily",
        "CopyTags": true,
        "TagsToAdd": [{"Key": "made-by", "Value": "dlm"}],
        "VariableTags": [{"Key": "instance", "Value": "$(instance-id)"}],
        "CreateRule": {"Interval": 24, "IntervalUnit": "HOURS", "Times": ["03:00"]},
        "RetainRule": {"Count": 7},
        "DeprecateRule": {"Count": 3},
        "CrossRegionCopyRules": [{"TargetRegion": "us-west-2", "Encrypted": false,
                                  "CopyTags": true,
                                  "RetainRule": {"Interval": 7, "IntervalUnit": "DAYS"},
                                  "DeprecateRule": {"Interval": 2, "IntervalUnit": "DAYS"}}],
        "ShareRules": [{"TargetAccounts": ["210987654321"], "UnshareInterval": 2,
                        "UnshareIntervalUnit": "WEEKS"}]
      }],
      "Parameters": {"NoReboot": false}
    },
    "Tags": {"team": "platform"}
  })json");
}

// A snapshot policy with an archive rule and a fast snapshot restore rule.
Json snapshot_policy() {
  return Json::parse(R"json({
    "ExecutionRoleArn": "arn:aws:iam::123456789012:role/AWSDataLifecycleManagerDefaultRole",
    "Description": "monthly snapshots",
    "State": "DISABLED",
    "PolicyDetails": {
      "ResourceTypes": ["VOLUME"],
      "TargetTags": [{"Key": "backup", "Value": "monthly"}],
      "Schedules": [{
        "Name": "monthly",
        "CreateRule": {"CronExpression": "cron(0 9 1 * ? *)"},
        "RetainRule": {"Interval": 2, "IntervalUnit": "MONTHS"},
        "ArchiveRule": {"RetainRule": {"RetentionArchiveTier": {"Interval": 1, "IntervalUnit": "YEARS"}}},
        "FastRestoreRule": {"Count": 1, "AvailabilityZones": ["us-east-1a"]}
      }]
    }
  })json");
}

Json with(Json doc, const std::string& pointer, Json value) {
  doc[Json::json_pointer(pointer)] = std::move(value);
  return doc;
}
Json without(Json doc, const std::string& pointer) {
  const Json::json_pointer p(pointer);
  doc.at(p.parent_pointer()).erase(p.back());
  return doc;
}

// The policy CreateLifecyclePolicy made of `input`, as the model holds it.
const amisim::sim::LifecyclePolicy& created(test::Harness& h, const Json& input) {
  auto r = dlm::call(h.world, h.caller, "CreateLifecyclePolicy", input);
  REQUIRE(r.ok());
  return h.world.region_of(h.caller).lifecycle_policies.at(r.value()["PolicyId"]);
}

// CreateLifecyclePolicy's refusal of `input`: InvalidRequestException (400); its message.
std::string refusal(test::Harness& h, const Json& input) {
  auto r = dlm::call(h.world, h.caller, "CreateLifecyclePolicy", input);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "InvalidRequestException");
  CHECK(r.error().http_status == 400);
  return r.error().message;
}

std::size_t policies_in(const amisim::sim::World& world, const std::string& region = "us-east-1") {
  return world.region(amisim::sim::RegionName(region))->lifecycle_policies.size();
}

}  // namespace

TEST_CASE("dlm parse_request: each operation by its method and path, with path and query members") {
  auto parsed = [](const std::string& method, const std::string& target,
                   const std::string& body = "") {
    return dlm::parse_request(dlm_http(method, target, body));
  };
  CHECK(parsed("POST", "/policies", "{}").operation == "CreateLifecyclePolicy");
  auto list = parsed("GET",
                     "/policies?policyIds=policy-0a&policyIds=policy-0b&state=ENABLED"
                     "&resourceTypes=VOLUME&targetTags=backup%3Ddaily&tagsToAdd=a%3Db"
                     "&defaultPolicyType=ALL");
  CHECK(list.operation == "GetLifecyclePolicies");
  CHECK(list.input == Json::parse(R"({"PolicyIds":["policy-0a","policy-0b"],"State":"ENABLED",
        "ResourceTypes":["VOLUME"],"TargetTags":["backup=daily"],"TagsToAdd":["a=b"],
        "DefaultPolicyType":"ALL"})"));
  auto get = parsed("GET", "/policies/policy-0123");
  CHECK(get.operation == "GetLifecyclePolicy");
  CHECK(get.input == Json{{"PolicyId", "policy-0123"}});
  auto update = parsed("PATCH", "/policies/policy-0123", R"({"Description":"x","PolicyId":"no"})");
  CHECK(update.operation == "UpdateLifecyclePolicy");
  CHECK(update.input == Json{{"PolicyId", "policy-0123"}, {"Description", "x"}});  // path wins
  CHECK(parsed("DELETE", "/policies/policy-0123").operation == "DeleteLifecyclePolicy");
  const std::string arn = "arn%3Aaws%3Adlm%3Aus-east-1%3A123456789012%3Apolicy%2Fpolicy-0123";
  auto tag = parsed("POST", "/tags/" + arn, R"({"Tags":{"a":"1"}})");
  CHECK(tag.operation == "TagResource");
  CHECK(tag.input["ResourceArn"] == "arn:aws:dlm:us-east-1:123456789012:policy/policy-0123");
  auto untag = parsed("DELETE", "/tags/" + arn + "?tagKeys=a&tagKeys=b%2Bc");
  CHECK(untag.operation == "UntagResource");
  CHECK(untag.input["TagKeys"] == Json::parse(R"(["a","b+c"])"));
  CHECK(parsed("GET", "/tags/" + arn).operation == "ListTagsForResource");
}

TEST_CASE("dlm parse_request refuses unknown paths and methods, bad bodies and bad escapes") {
  auto error_of = [](const std::string& method, const std::string& target,
                     const std::string& body = "") {
    auto call = dlm::parse_request(dlm_http(method, target, body));
    REQUIRE(call.error);
    return std::pair{call.error->code, call.error->http_status};
  };
  const std::pair unknown{std::string("UnknownOperationException"), 404};
  CHECK(error_of("PUT", "/policies") == unknown);
  CHECK(error_of("POST", "/policies/policy-0123") == unknown);
  CHECK(error_of("GET", "/policies/") == unknown);
  CHECK(error_of("PATCH", "/tags/arn") == unknown);
  CHECK(error_of("GET", "/rules") == unknown);
  CHECK(error_of("GET", "/policies/policy-%zz") == unknown);
  const std::pair bad_body{std::string("SerializationException"), 400};
  CHECK(error_of("POST", "/policies", "not json") == bad_body);
  CHECK(error_of("POST", "/policies", "[1]") == bad_body);
  CHECK(error_of("GET", "/policies?state=%zz") == bad_body);
}

TEST_CASE("dlm over HTTP: every operation answers 200 and GetLifecyclePolicy echoes the policy") {
  gw::Gateway g(test::fixtures(), manual());
  HttpResponse r = g.handle(dlm_http("POST", "/policies", image_policy().dump()));
  REQUIRE(r.status == 200);
  CHECK(*r.headers.find("Content-Type") == "application/json");
  const std::string id = Json::parse(r.body).at("PolicyId");
  CHECK(Json::parse(r.body).size() == 1);
  CHECK(id.rfind("policy-", 0) == 0);

  r = g.handle(dlm_http("GET", "/policies/" + id));
  REQUIRE(r.status == 200);
  const Json policy = Json::parse(r.body).at("Policy");
  CHECK(policy.at("PolicyId") == id);
  CHECK(policy.at("Description") == "daily AMIs");
  CHECK(policy.at("State") == "ENABLED");
  CHECK(policy.at("ExecutionRoleArn") == image_policy()["ExecutionRoleArn"]);
  CHECK(policy.at("PolicyDetails") == image_policy()["PolicyDetails"]);
  CHECK(policy.at("Tags") == Json{{"team", "platform"}});
  CHECK(policy.at("PolicyArn") == "arn:aws:dlm:eu-west-1:123456789012:policy/" + id);
  CHECK(policy.at("DefaultPolicy") == false);
  // timestampFormat iso8601: a string, the model's time of creation.
  CHECK(policy.at("DateCreated") == amisim::sim::format_iso8601(g.world().now()));
  CHECK(policy.at("DateModified") == policy.at("DateCreated"));

  r = g.handle(
      dlm_http("PATCH", "/policies/" + id, R"({"Description":"nightly AMIs","State":"DISABLED"})"));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body) == Json::object());
  r = g.handle(dlm_http("GET", "/policies?state=DISABLED"));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body) == Json::parse(R"({"Policies":[{"PolicyId":")" + id +
                                           R"(","Description":"nightly AMIs","State":"DISABLED",
        "Tags":{"team":"platform"},"PolicyType":"IMAGE_MANAGEMENT","DefaultPolicy":false}]})"));
  CHECK(Json::parse(g.handle(dlm_http("GET", "/policies?state=ENABLED")).body)["Policies"] ==
        Json::array());

  const std::string arn = "arn%3Aaws%3Adlm%3Aeu-west-1%3A123456789012%3Apolicy%2F" + id;
  r = g.handle(dlm_http("POST", "/tags/" + arn, R"({"Tags":{"env":"test"}})"));
  CHECK(r.status == 200);
  r = g.handle(dlm_http("DELETE", "/tags/" + arn + "?tagKeys=team"));
  CHECK(r.status == 200);
  r = g.handle(dlm_http("GET", "/tags/" + arn));
  REQUIRE(r.status == 200);
  CHECK(Json::parse(r.body) == Json::parse(R"({"Tags":{"env":"test"}})"));

  r = g.handle(dlm_http("DELETE", "/policies/" + id));
  CHECK(r.status == 200);
  r = g.handle(dlm_http("GET", "/policies/" + id));
  CHECK(r.status == 404);
  CHECK(*r.headers.find("x-amzn-ErrorType") == "ResourceNotFoundException");
}

TEST_CASE("dlm errors on the wire: status, x-amzn-ErrorType and the shape's Message and Code") {
  using amisim::protocol::WireError;
  auto written = dlm::write_response(
      "GetLifecyclePolicy", WireError{"ResourceNotFoundException", "not here", 404}, "req-1");
  CHECK(written.status == 404);
  CHECK(*written.headers.find("x-amzn-ErrorType") == "ResourceNotFoundException");
  CHECK(*written.headers.find("x-amzn-RequestId") == "req-1");
  CHECK(Json::parse(written.body) ==
        Json{{"Message", "not here"}, {"Code", "ResourceNotFoundException"}});
  auto ok = dlm::write_response("DeleteLifecyclePolicy", Json::object(), "req-2");
  CHECK(ok.status == 200);
  CHECK(ok.body == "{}");

  gw::Gateway g(test::fixtures(), manual());
  HttpResponse r =
      g.handle(dlm_http("POST", "/policies", without(image_policy(), "/State").dump()));
  CHECK(r.status == 400);
  CHECK(*r.headers.find("x-amzn-ErrorType") == "InvalidRequestException");
  CHECK(Json::parse(r.body)["Message"] ==
        "1 validation error detected: Value null at 'state' failed to satisfy constraint: "
        "Member must not be null");
  r = g.handle(dlm_http("GET", "/policies/policy-0123456789abcdef0"));
  CHECK(r.status == 404);
  CHECK(Json::parse(r.body)["Code"] == "ResourceNotFoundException");
  // Nothing was made, and nothing journaled.
  CHECK(policies_in(g.world(), "eu-west-1") == 0);
  for (const auto& e : g.state_document()["journal"]) CHECK_FALSE(e.contains("dlm"));
}

TEST_CASE("CreateLifecyclePolicy reads PolicyDetails into the model's typed policy") {
  namespace sim = amisim::sim;
  test::Harness h;
  const sim::LifecyclePolicy& p = created(h, image_policy());
  CHECK(p.execution_role_arn == image_policy()["ExecutionRoleArn"]);
  CHECK(p.enabled);
  CHECK(Json::parse(p.details_document) == image_policy()["PolicyDetails"]);
  const sim::DlmPolicyDetails& d = p.details;
  CHECK(d.type == sim::DlmPolicyType::kImage);
  CHECK(d.resource_type == sim::DlmResourceType::kInstance);
  REQUIRE(d.target_tags.size() == 1);
  CHECK((d.target_tags[0].key == "backup" && d.target_tags[0].value == "daily"));
  CHECK_FALSE(d.no_reboot);
  REQUIRE(d.schedules.size() == 1);
  const sim::DlmSchedule& s = d.schedules[0];
  CHECK(s.name == "daily");
  CHECK(s.copy_tags);
  CHECK(s.tags_to_add.size() == 1);
  CHECK(s.variable_tags.at(0).value == "$(instance-id)");
  CHECK(s.create.interval_hours == 24);
  CHECK(s.create.time == "03:00");
  CHECK_FALSE(s.create.cron);
  CHECK(s.retain.count == 7);
  CHECK_FALSE(s.retain.age);
  CHECK(s.deprecate.count == 3);
  REQUIRE(s.cross_region_copies.size() == 1);
  const sim::DlmCrossRegionCopyRule& copy = s.cross_region_copies[0];
  CHECK(copy.target == sim::RegionName("us-west-2"));
  CHECK_FALSE(copy.encrypted);
  CHECK(copy.copy_tags);
  REQUIRE(copy.retain);
  CHECK((copy.retain->interval == 7 && copy.retain->unit == sim::DlmUnit::kDays));
  REQUIRE(copy.deprecate);
  CHECK(copy.deprecate->interval == 2);
  REQUIRE(s.share);
  CHECK(s.share->accounts == std::vector{sim::AccountId("210987654321")});
  REQUIRE(s.share->unshare_after);
  CHECK((s.share->unshare_after->interval == 2 &&
         s.share->unshare_after->unit == sim::DlmUnit::kWeeks));
  CHECK_FALSE(s.archive);
  CHECK_FALSE(s.fast_restore);
  CHECK(p.tags.size() == 1);
}

TEST_CASE(
    "A snapshot policy: the default PolicyType, cron, age retention, archive and fast restore") {
  namespace sim = amisim::sim;
  test::Harness h;
  const sim::LifecyclePolicy& p = created(h, snapshot_policy());
  CHECK_FALSE(p.enabled);
  CHECK(p.details.type == sim::DlmPolicyType::kSnapshot);  // AWS's default
  CHECK(p.details.resource_type == sim::DlmResourceType::kVolume);
  CHECK(p.details.no_reboot);  // Parameters absent: AWS's default
  const sim::DlmSchedule& s = p.details.schedules.at(0);
  CHECK(s.create.cron == "cron(0 9 1 * ? *)");
  CHECK_FALSE(s.create.interval_hours);
  REQUIRE(s.retain.age);
  CHECK((s.retain.age->interval == 2 && s.retain.age->unit == sim::DlmUnit::kMonths));
  REQUIRE(s.archive);
  REQUIRE(s.archive->retain.age);
  CHECK(s.archive->retain.age->unit == sim::DlmUnit::kYears);
  CHECK(s.fast_restore);
}

TEST_CASE("Each member that breaks its shape is InvalidRequestException naming the member") {
  test::Harness h;
  const Json base = image_policy();
  const Json schedule = base["PolicyDetails"]["Schedules"][0];
  const Json copy = schedule["CrossRegionCopyRules"][0];
  const std::string s0 = "/PolicyDetails/Schedules/0";
  struct Case {
    Json input;
    std::string says;  // in the message
  };
  const std::vector<Case> cases = {
      {with(base, "/Description", ""),
       "at 'description' failed to satisfy constraint: Member "
       "must satisfy regular expression pattern: [0-9A-Za-z _-]+"},
      {with(base, "/Description", 7),
       "Value '7' at 'description' failed to satisfy constraint: "
       "Member must be a string"},
      {with(base, "/Description", std::string(501, 'a')),
       "at 'description' failed to satisfy constraint: Member must have length less than or "
       "equal to 500"},
      {with(base, "/ExecutionRoleArn", "arn:aws:iam::1:user/x"), "at 'executionRoleArn'"},
      {without(base, "/ExecutionRoleArn"), "Value null at 'executionRoleArn'"},
      {without(base, "/Description"), "Value null at 'description'"},
      {with(base, "/State", "PAUSED"),
       "Value 'PAUSED' at 'state' failed to satisfy constraint: Member must satisfy enum value "
       "set: [ENABLED, DISABLED]"},
      {with(base, "/PolicyDetails", "x"),
       "at 'policyDetails' failed to satisfy constraint: "
       "Member must be a structure"},
      {with(base, "/PolicyDetails/PolicyType", "AMI"), "at 'policyDetails.policyType'"},
      {with(base, "/PolicyDetails/ResourceTypes", Json::array()),
       "at 'policyDetails.resourceTypes' failed to satisfy constraint: Member must have length "
       "greater than or equal to 1"},
      {with(base, "/PolicyDetails/ResourceTypes", {"INSTANCE", "VOLUME"}),
       "Member must have length less than or equal to 1"},
      {with(base, "/PolicyDetails/ResourceTypes", {"DISK"}),
       "Value 'DISK' at 'policyDetails.resourceTypes.1.member'"},
      {without(base, "/PolicyDetails/ResourceTypes"),
       "Value null at 'policyDetails.resourceTypes'"},
      {with(base, "/PolicyDetails/TargetTags", Json::array()), "at 'policyDetails.targetTags'"},
      {without(base, "/PolicyDetails/TargetTags/0/Value"),
       "Value null at 'policyDetails.targetTags.1.member.value'"},
      {with(base, "/PolicyDetails/TargetTags/0/Key", std::string(501, 'k')),
       "at 'policyDetails.targetTags.1.member.key'"},
      {with(base, "/PolicyDetails/Schedules", Json::array()),
       "at 'policyDetails.schedules' failed to satisfy constraint: Member must have length "
       "greater than or equal to 1"},
      {with(base, "/PolicyDetails/Schedules",
            Json::array({schedule, schedule, schedule, schedule, schedule})),
       "at 'policyDetails.schedules' failed to satisfy constraint: Member must have length less "
       "than or equal to 4"},
      {with(base, s0 + "/Name", "daily!"),
       "Value 'daily!' at 'policyDetails.schedules.1.member.name'"},
      {with(base, s0 + "/CopyTags", "yes"),
       "at 'policyDetails.schedules.1.member.copyTags' failed "
       "to satisfy constraint: Member must be a boolean"},
      {with(base, s0 + "/CreateRule/Interval", 0),
       "Value '0' at 'policyDetails.schedules.1.member.createRule.interval' failed to satisfy "
       "constraint: Member must have value greater than or equal to 1"},
      {with(base, s0 + "/CreateRule/Interval", 1.5), "Member must be an integer"},
      {with(base, s0 + "/CreateRule/IntervalUnit", "DAYS"),
       "at 'policyDetails.schedules.1.member.createRule.intervalUnit' failed to satisfy "
       "constraint: Member must satisfy enum value set: [HOURS]"},
      {with(base, s0 + "/CreateRule/Times", {"03:00", "04:00"}),
       "at 'policyDetails.schedules.1.member.createRule.times'"},
      {with(base, s0 + "/CreateRule/Times", {"24:00"}),
       "Value '24:00' at 'policyDetails.schedules.1.member.createRule.times.1.member'"},
      {with(base, s0 + "/CreateRule/CronExpression", "cron(0)"),
       "at 'policyDetails.schedules.1.member.createRule.cronExpression' failed to satisfy "
       "constraint: Member must have length greater than or equal to 17"},
      {with(base, s0 + "/CreateRule/CronExpression", "rate(0 9 * * ? *)"),
       "Member must satisfy regular expression pattern: cron\\([^\\n]{11,100}\\)"},
      {with(base, s0 + "/RetainRule/Count", 1001),
       "Value '1001' at 'policyDetails.schedules.1.member.retainRule.count' failed to satisfy "
       "constraint: Member must have value less than or equal to 1000"},
      {with(base, s0 + "/RetainRule/Count", -1),
       "Member must have value greater than or equal to 0"},
      {with(base, s0 + "/RetainRule/Count", "7"), "Member must be an integer"},
      {with(base, s0 + "/RetainRule", {{"Interval", 3}}),
       "Value null at 'policyDetails.schedules.1.member.retainRule.intervalUnit'"},
      {with(base, s0 + "/RetainRule", {{"Interval", 3}, {"IntervalUnit", "HOURS"}}),
       "Member must satisfy enum value set: [DAYS, WEEKS, MONTHS, YEARS]"},
      {with(base, s0 + "/DeprecateRule/Count", 0),
       "at 'policyDetails.schedules.1.member.deprecateRule.count'"},
      {with(base, s0 + "/CrossRegionCopyRules", Json::array({copy, copy, copy, copy})),
       "at 'policyDetails.schedules.1.member.crossRegionCopyRules'"},
      {without(base, s0 + "/CrossRegionCopyRules/0/Encrypted"),
       "Value null at 'policyDetails.schedules.1.member.crossRegionCopyRules.1.member.encrypted'"},
      {with(base, s0 + "/CrossRegionCopyRules/0/TargetRegion", "EU"),
       "at 'policyDetails.schedules.1.member.crossRegionCopyRules.1.member.targetRegion'"},
      {with(base, s0 + "/CrossRegionCopyRules/0/CmkArn", "key"),
       "at 'policyDetails.schedules.1.member.crossRegionCopyRules.1.member.cmkArn'"},
      {with(base, s0 + "/CrossRegionCopyRules/0/RetainRule/Interval", 0),
       "at 'policyDetails.schedules.1.member.crossRegionCopyRules.1.member.retainRule.interval'"},
      {with(base, s0 + "/ShareRules/0/TargetAccounts", {"12"}),
       "Value '12' at 'policyDetails.schedules.1.member.shareRules.1.member.targetAccounts.1."
       "member' failed to satisfy constraint: Member must have length greater than or equal to "
       "12"},
      {with(base, s0 + "/ShareRules/0/TargetAccounts", Json::array()),
       "at 'policyDetails.schedules.1.member.shareRules.1.member.targetAccounts'"},
      {with(base, s0 + "/ShareRules/0/UnshareIntervalUnit", "HOURS"),
       "at 'policyDetails.schedules.1.member.shareRules.1.member.unshareIntervalUnit'"},
      {with(base, s0 + "/ShareRules",
            Json::array({schedule["ShareRules"][0], schedule["ShareRules"][0]})),
       "at 'policyDetails.schedules.1.member.shareRules' failed to satisfy constraint: Member "
       "must have length less than or equal to 1"},
      {with(base, s0 + "/TagsToAdd", Json(std::vector<Json>(46, {{"Key", "k"}, {"Value", "v"}}))),
       "at 'policyDetails.schedules.1.member.tagsToAdd'"},
      {with(base, s0 + "/TagsToAdd/0", "k=v"),
       "at 'policyDetails.schedules.1.member.tagsToAdd.1.member' failed to satisfy constraint: "
       "Member must be a structure"},
      {with(base, s0 + "/ArchiveRule", Json::object()),
       "Value null at 'policyDetails.schedules.1.member.archiveRule.retainRule'"},
      {with(base, s0 + "/ArchiveRule", {{"RetainRule", Json::object()}}),
       "Value null at 'policyDetails.schedules.1.member.archiveRule.retainRule."
       "retentionArchiveTier'"},
      {with(base, s0 + "/FastRestoreRule", {{"Count", 1}, {"AvailabilityZones", {"us-east-1"}}}),
       "at 'policyDetails.schedules.1.member.fastRestoreRule.availabilityZones.1.member'"},
      {with(base, "/PolicyDetails/Parameters/NoReboot", "yes"),
       "at 'policyDetails.parameters.noReboot' failed to satisfy constraint: Member must be a "
       "boolean"},
      {with(base, "/Tags", Json::object()),
       "at 'tags' failed to satisfy constraint: Member must "
       "have length greater than or equal to 1"},
      {with(base, "/Tags", {{"aws:team", "x"}}), "Value 'aws:team' at 'tags'"},
      {with(base, "/Tags", {{"team", 5}}), "Value '5' at 'tags'"},
  };
  for (const Case& c : cases) {
    INFO(c.input.dump());
    CHECK_THAT(refusal(h, c.input), Catch::Contains(c.says));
  }
  CHECK(policies_in(h.world) == 0);
}

TEST_CASE("What amisim does not model is refused, not ignored") {
  test::Harness h;
  const Json base = image_policy();
  const std::string s0 = "/PolicyDetails/Schedules/0";
  const std::vector<std::pair<Json, std::string>> cases = {
      {with(base, "/PolicyDetails/PolicyType", "EVENT_BASED_POLICY"), "event-based policies"},
      {with(base, "/PolicyDetails/EventSource", {{"Type", "MANAGED_CWE"}}), "event-based"},
      {with(base, "/PolicyDetails/Actions", Json::array()), "event-based"},
      {with(base, "/DefaultPolicy", "VOLUME"), "default policies (DefaultPolicy)"},
      {with(base, "/CreateInterval", 1), "default policies (CreateInterval)"},
      {with(base, "/PolicyDetails/RetainInterval", 7), "default policies (RetainInterval)"},
      {with(base, "/PolicyDetails/Exclusions", Json::object()), "default policies (Exclusions)"},
      {with(base, "/PolicyDetails/ResourceType", "VOLUME"), "default policies"},
      {with(base, "/PolicyDetails/PolicyLanguage", "SIMPLIFIED"), "PolicyLanguage SIMPLIFIED"},
      {with(base, "/PolicyDetails/ResourceLocations", {"OUTPOST"}), "Outposts"},
      {with(base, s0 + "/CreateRule/Location", "OUTPOST_LOCAL"), "Outposts"},
      {with(base, s0 + "/CreateRule/Scripts", {{{"ExecutionHandler", "AWS_VSS_BACKUP"}}}),
       "scripts"},
      {with(base, s0 + "/CrossRegionCopyRules/0/Target", "arn:aws:outposts:us-east-1:1:outpost/o"),
       "Outposts"},
      {with(base, "/PolicyDetails/Parameters/ExcludeDataVolumeTags", Json::array()),
       "ExcludeDataVolumeTags"},
  };
  for (const auto& [input, says] : cases) {
    INFO(input.dump());
    CHECK_THAT(refusal(h, input),
               Catch::StartsWith("amisim does not model ") && Catch::Contains(says));
  }
  // What amisim does model of the same members passes.
  CHECK(dlm::call(h.world, h.caller, "CreateLifecyclePolicy",
                  with(with(with(base, "/PolicyDetails/ResourceLocations", {"CLOUD"}),
                            "/PolicyDetails/PolicyLanguage", "STANDARD"),
                       s0 + "/CreateRule/Location", "CLOUD"))
            .ok());
  CHECK(policies_in(h.world) == 1);
}

TEST_CASE("The other operations check their members' shapes too") {
  test::Harness h;
  auto error_of = [&](const std::string& op, const Json& in) {
    auto r = dlm::call(h.world, h.caller, op, in);
    REQUIRE_FALSE(r.ok());
    return std::pair{r.error().code, r.error().message};
  };
  auto id = dlm::call(h.world, h.caller, "CreateLifecyclePolicy", image_policy());
  REQUIRE(id.ok());
  const std::string policy = id.value()["PolicyId"];
  const std::string arn = "arn:aws:dlm:us-east-1:123456789012:policy/" + policy;
  CHECK_THAT(error_of("GetLifecyclePolicy", {{"PolicyId", "pol-1"}}).second,
             Catch::Contains("Value 'pol-1' at 'policyId'"));
  CHECK(error_of("GetLifecyclePolicy", {{"PolicyId", "policy-0123456789abcdef0"}}).first ==
        "ResourceNotFoundException");
  CHECK(error_of("DeleteLifecyclePolicy", Json::object()).second.find("Value null at 'policyId'") !=
        std::string::npos);
  CHECK_THAT(error_of("UpdateLifecyclePolicy", {{"PolicyId", policy}, {"State", "ERROR"}}).second,
             Catch::Contains("at 'state'"));
  CHECK_THAT(error_of("UpdateLifecyclePolicy",
                      {{"PolicyId", policy},
                       {"PolicyDetails", without(image_policy()["PolicyDetails"], "/Schedules")}})
                 .second,
             Catch::Contains("Value null at 'policyDetails.schedules'"));
  CHECK_THAT(error_of("GetLifecyclePolicies", {{"State", "ON"}}).second,
             Catch::Contains("at 'state'"));
  CHECK_THAT(error_of("GetLifecyclePolicies", {{"ResourceTypes", {"DISK"}}}).second,
             Catch::Contains("at 'resourceTypes.1.member'"));
  CHECK_THAT(error_of("GetLifecyclePolicies", {{"TargetTags", {"backup"}}}).second,
             Catch::Contains("'backup' in TargetTags is not of the form key=value"));
  CHECK_THAT(error_of("GetLifecyclePolicies", {{"PolicyIds", {"x"}}}).second,
             Catch::Contains("at 'policyIds.1.member'"));
  CHECK_THAT(error_of("TagResource", {{"ResourceArn", arn}}).second,
             Catch::Contains("Value null at 'tags'"));
  CHECK_THAT(
      error_of("TagResource", {{"ResourceArn", "arn:aws:ec2:x"}, {"Tags", {{"a", "b"}}}}).second,
      Catch::Contains("at 'resourceArn'"));
  CHECK_THAT(error_of("UntagResource", {{"ResourceArn", arn}}).second,
             Catch::Contains("Value null at 'tagKeys'"));
  CHECK_THAT(error_of("UntagResource", {{"ResourceArn", arn}, {"TagKeys", Json::array()}}).second,
             Catch::Contains("at 'tagKeys'"));
  CHECK_THAT(error_of("ListTagsForResource", Json::object()).second,
             Catch::Contains("Value null at 'resourceArn'"));
  // A DefaultPolicyType filter: only default policies have one, and amisim makes none.
  CHECK(dlm::call(h.world, h.caller, "GetLifecyclePolicies", {{"DefaultPolicyType", "ALL"}})
            .value() == Json::parse(R"({"Policies":[]})"));
  CHECK(dlm::call(h.world, h.caller, "GetLifecyclePolicies", {{"PolicyIds", {policy}}})
            .value()["Policies"]
            .size() == 1);
}

TEST_CASE("dlm::call in process: unknown operation and a malformed caller") {
  test::Harness h;
  CHECK(dlm::call(h.world, h.caller, "RunPolicy", Json::object()).error().code ==
        "UnknownOperationException");
  CHECK(dlm::call(h.world, h.caller, "GetLifecyclePolicies", Json::array()).error().code ==
        "SerializationException");
  amisim::sim::Caller bad{amisim::sim::AccountId{"x"}, amisim::sim::kDefaultRegion};
  CHECK(dlm::call(h.world, bad, "GetLifecyclePolicies", Json::object()).error().code ==
        "AuthFailure");
  CHECK(dlm::mutates("CreateLifecyclePolicy"));
  CHECK_FALSE(dlm::mutates("GetLifecyclePolicy"));
  CHECK(dlm::is_operation("ListTagsForResource"));
  CHECK_FALSE(dlm::is_operation("CreateRule"));
}

TEST_CASE("dlm calls are journaled: the state document replays the policies") {
  gw::Gateway g(test::fixtures(), manual());
  HttpResponse r = g.handle(dlm_http("POST", "/policies", image_policy().dump()));
  REQUIRE(r.status == 200);
  const std::string id = Json::parse(r.body).at("PolicyId");
  REQUIRE(g.advance(amisim::sim::kHourMs).ok());
  REQUIRE(g.handle(dlm_http("POST", "/policies", snapshot_policy().dump())).status == 200);
  REQUIRE(g.handle(dlm_http("PATCH", "/policies/" + id, R"({"Description":"later"})")).status ==
          200);
  REQUIRE(g.handle(dlm_http("GET", "/policies/" + id)).status == 200);  // read: not journaled
  const Json doc = g.state_document();
  int dlm_calls = 0;
  for (const auto& e : doc["journal"]) dlm_calls += e.contains("dlm") ? 1 : 0;
  CHECK(dlm_calls == 3);
  gw::Gateway other(test::fixtures(), manual());
  auto loaded = other.load_state(doc);
  INFO((loaded.ok() ? "" : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(other.world().digest() == g.world().digest());
  CHECK(policies_in(other.world(), "eu-west-1") == 2);
  CHECK(
      Json::parse(other.handle(dlm_http("GET", "/policies/" + id)).body)["Policy"]["Description"] ==
      "later");
}
