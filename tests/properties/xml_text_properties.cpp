// Issue 14 §1: every reply parses, whatever text callers send.
//   - Defence in depth: whatever text reaches the EC2 XML writer, the reply is a document every
//     XML 1.0 reader accepts. The project's own reader (api/protocol/xml_document.cpp) is as strict
//     as XML 1.0 and reads the text back as the writer's U+FFFD-for-the-unwritable form of it.
//   - At the boundary: the model refuses text a reply cannot carry (sim/core/text.hpp), so what
//     it keeps comes back exactly, to every account.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "api/protocol/query_writer.hpp"
#include "api/protocol/xml_reader.hpp"
#include "api/protocol/xml_writer.hpp"
#include "harness.hpp"
#include "nasty_text.hpp"
#include "sim/core/utf8.hpp"
#include "sim/timeline.hpp"
#include "tests/api/query_support.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

using Json = nlohmann::json;

namespace {

const protocol::ServiceModel& model() {
  static const auto kModel = protocol::ServiceModel::load_ec2();
  return *kModel;
}

// JSON cannot hold every byte string; the writer meets such strings only from C++ callers, but
// must not break then either: nlohmann keeps the bytes as they are.
Json key_pairs_with(const std::string& text) {
  Json pair = Json::object();
  pair["KeyName"] = text;
  pair["KeyPairId"] = "key-0123456789abcdef0";
  pair["Tags"] = Json::array({{{"Key", text}, {"Value", text}}});
  return {{"KeyPairs", Json::array({pair})}};
}

}  // namespace

TEST_CASE("Whatever text the XML writer is given, the reply parses as XML 1.0") {
  rc::prop("success replies", [] {
    const std::string text = *test::props::nasty_text();
    const std::string xml =
        protocol::write_response(model(), "DescribeKeyPairs", key_pairs_with(text), "r");
    RC_ASSERT(sim::is_xml_text(xml));
    auto reply = protocol::read_reply(model(), "DescribeKeyPairs", xml, 200);
    RC_ASSERT(reply.ok());
    const Json& pair = reply.value().output["KeyPairs"][0];
    RC_ASSERT(pair["KeyName"] == sim::to_xml_text(text));
    RC_ASSERT(pair["Tags"][0]["Value"] == sim::to_xml_text(text));
    // Text XML can carry comes back exactly, CR and CRLF included.
    if (sim::is_xml_text(text)) RC_ASSERT(pair["KeyName"] == text);
  });
  rc::prop("error envelopes", [] {
    const std::string text = *test::props::nasty_text();
    const std::string xml = protocol::write_error({"InvalidParameterValue", text, 400}, text);
    RC_ASSERT(sim::is_xml_text(xml));
    auto reply = protocol::read_reply(model(), "CreateTags", xml, 400);
    RC_ASSERT(!reply.ok());
    RC_ASSERT(reply.error().code == "InvalidParameterValue");
    RC_ASSERT(reply.error().message == sim::to_xml_text(text));
  });
}

// --- Through the gateway ---------------------------------------------------------------------
// Random text in every string field of a representative set of actions, sent as the Query form
// over the gateway (an HTTP-shaped request, no socket) and in process (ec2::call on JSON) to two
// worlds with one seed. Every reply parses with the project's XML reader; a success decodes to
// exactly the in-process JSON (so nothing was rewritten on the way); another account's describes
// still parse; and the two worlds stay identical.

namespace {

namespace gw = amisim::gateway;
using test::kOther;

struct Doors {
  explicit Doors(std::uint64_t seed)
      : direct(test::fixtures(), sim::WorldOptions{.seed = seed}),
        gateway(test::fixtures(), [seed] {
          gw::GatewayOptions o;
          o.seed = seed;
          o.clock = {gw::ClockMode::kManual, 1};
          return o;
        }()) {}

  sim::World direct;
  gw::Gateway gateway;
  std::string image, own_image, instance, volume, snapshot, group;
  std::string vpc, subnet, igw, allocation, rule;

  static sim::Caller caller(const std::string& account) {
    return {sim::AccountId(account), sim::kDefaultRegion};
  }

  // The call over the gateway, read back; MalformedResponse if the reply does not parse.
  protocol::WireResult<Json> over_http(const std::string& account, const std::string& action,
                                       const Json& input) {
    auto form = protocol::write_query(model(), action, input);
    RC_ASSERT(form.ok());
    auto response = gateway.handle(test::ec2_query_request(account, form.value()));
    RC_ASSERT(sim::is_xml_text(response.body));
    auto reply = protocol::read_reply(model(), action, response.body, response.status);
    if (!reply.ok()) {
      RC_ASSERT(reply.error().code != "MalformedResponse");
      RC_ASSERT(response.status >= 400);
      RC_ASSERT(response.status < 500);
      return reply.error();
    }
    return reply.value().output;
  }

  // Both doors; they must agree. Returns the in-process result.
  protocol::WireResult<Json> both(const std::string& account, const std::string& action,
                                  const Json& input) {
    const std::string before = direct.digest();
    auto in_process = amisim::ec2::call(direct, caller(account), action, input);
    auto http = over_http(account, action, input);
    const bool no_server_error = in_process.ok() || in_process.error().http_status < 500;
    RC_ASSERT(no_server_error);
    // A refused call leaves no trace (both worlds agree on the digest at the end).
    if (!in_process.ok()) RC_ASSERT(direct.digest() == before);
    if (!all_strings_utf8(input)) {
      // Over HTTP such text stops at the form decoder; in process the model refuses it wherever
      // it would keep it (a call that changes the world must fail: the digests agree below).
      RC_ASSERT(!http.ok());
      RC_ASSERT(http.error().code == "MalformedQueryString");
      if (amisim::ec2::mutates(action)) RC_ASSERT(!in_process.ok());
      return in_process;
    }
    RC_ASSERT(in_process.ok() == http.ok());
    if (!in_process.ok()) {
      RC_ASSERT(in_process.error() == http.error());
      return in_process;
    }
    // A success says exactly what was kept: the XML decodes to the in-process JSON.
    auto via_xml = protocol::read_reply(
        model(), action, protocol::write_response(model(), action, in_process.value(), "r"), 200);
    RC_ASSERT(via_xml.ok());
    RC_ASSERT(shown(via_xml.value().output) == shown(http.value()));
    RC_ASSERT(shown(via_xml.value().output) == shown(test::without_nulls(in_process.value())));
    return in_process;
  }

  // JSON as text for comparisons RapidCheck can print (bytes that are not UTF-8 as U+FFFD).
  static std::string shown(const Json& v) {
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
  }

  static bool all_strings_utf8(const Json& v) {
    if (v.is_string()) return sim::is_utf8(v.get_ref<const std::string&>());
    if (v.is_object()) {
      for (const auto& [k, x] : v.items())
        if (!sim::is_utf8(k) || !all_strings_utf8(x)) return false;
    }
    if (v.is_array()) {
      for (const auto& x : v)
        if (!all_strings_utf8(x)) return false;
    }
    return true;
  }

  Json must(const std::string& action, const Json& input) {
    auto r = both("123456789012", action, input);
    RC_ASSERT(r.ok());
    return r.value();
  }

  void advance(sim::DurationMs ms) {
    sim::advance_by(direct, ms);
    RC_ASSERT(gateway.advance(ms).ok());
  }

  // What every random call below refers to: an instance, an image of one's own, a volume and a
  // snapshot, made the same way in both worlds.
  void set_up() {
    for (const auto& [id, i] : direct.region(sim::kDefaultRegion)->images)
      if (!i.owner_alias.empty()) image = id.str();
    instance =
        must("RunInstances",
             {{"ImageId", image}, {"MinCount", 1}, {"MaxCount", 1}})["Instances"][0]["InstanceId"]
            .get<std::string>();
    volume = must("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"]
                 .get<std::string>();
    advance(10 * sim::kMinuteMs);
    snapshot = must("CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"].get<std::string>();
    own_image = must("CreateImage",
                     {{"InstanceId", instance}, {"Name", "own"}, {"NoReboot", true}})["ImageId"]
                    .get<std::string>();
    advance(10 * sim::kMinuteMs);
    must("ModifyImageAttribute",
         {{"ImageId", own_image}, {"LaunchPermission", {{"Add", {{{"Group", "all"}}}}}}});
    group = must("DescribeSecurityGroups",
                 {{"GroupNames", {"default"}}})["SecurityGroups"][0]["GroupId"]
                .get<std::string>();
    set_up_network();
  }

  // A VPC of one's own with a subnet, a detached gateway, an Elastic IP and a rule; and the other
  // account's first call, which makes its default network (the one trace an account's first
  // call may leave), so that from here on every refused call changes nothing.
  void set_up_network() {
    vpc = must("CreateVpc", {{"CidrBlock", "10.0.0.0/16"}})["Vpc"]["VpcId"];
    subnet =
        must("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.1.0/24"}})["Subnet"]["SubnetId"];
    igw = must("CreateInternetGateway", Json::object())["InternetGateway"]["InternetGatewayId"];
    allocation = must("AllocateAddress", Json::object())["AllocationId"];
    rule =
        must("AuthorizeSecurityGroupIngress",
             {{"GroupId", group},
              {"IpPermissions",
               {{{"IpProtocol", "tcp"},
                 {"FromPort", 443},
                 {"ToPort", 443},
                 {"IpRanges",
                  {{{"CidrIp", "0.0.0.0/0"}}}}}}}})["SecurityGroupRules"][0]["SecurityGroupRuleId"];
    RC_ASSERT(both(kOther, "DescribeVpcs", Json::object()).ok());
  }
};

// Text for one field: usually nasty, sometimes a plain valid value so that the call can get past
// the field to the next one.
std::string text_or(const std::string& plain) {
  return *rc::gen::weightedOneOf<std::string>(
      {{3, test::props::nasty_text()}, {1, rc::gen::just(plain)}});
}

// One call of a representative set of image, instance, storage and tag actions, with random
// text in its string fields.
std::pair<std::string, Json> random_image_call(const Doors& d) {
  auto tag_list = [] {
    return Json::array({{{"Key", text_or("team")}, {"Value", text_or("web")}}});
  };
  auto spec = [&](const char* type) {
    return Json::array({{{"ResourceType", type}, {"Tags", tag_list()}}});
  };
  const std::string name = text_or("golden-" + std::to_string(*rc::gen::inRange(0, 1000)));
  switch (*rc::gen::inRange(0, 12)) {
    case 0:
      return {"CreateTags", {{"Resources", {d.group, d.own_image}}, {"Tags", tag_list()}}};
    case 1:
      return {"CopyImage",
              {{"SourceRegion", "us-east-1"},
               {"SourceImageId", d.image},
               {"Name", name},
               {"Description", text_or("copy")},
               {"TagSpecifications", spec("image")}}};
    case 2:
      return {"CreateImage",
              {{"InstanceId", d.instance},
               {"Name", name},
               {"Description", text_or("made")},
               {"NoReboot", true}}};
    case 3:
      return {"RegisterImage",
              {{"Name", name},
               {"Description", text_or("registered")},
               {"RootDeviceName", text_or("/dev/xvda")},
               {"Architecture", "x86_64"},
               {"BlockDeviceMappings",
                {{{"DeviceName", "/dev/xvda"}, {"Ebs", {{"SnapshotId", d.snapshot}}}}}}}};
    case 4:
      return {"CreateSecurityGroup",
              {{"GroupName", text_or("web")}, {"Description", text_or("web tier")}}};
    case 5:
      return {"CreateKeyPair", {{"KeyName", name}, {"TagSpecifications", spec("key-pair")}}};
    case 6:
      return {"CreateLaunchTemplate",
              {{"LaunchTemplateName", text_or("web")},
               {"VersionDescription", text_or("v1")},
               {"LaunchTemplateData",
                {{"ImageId", text_or(d.image)}, {"KeyName", text_or("deploy")}}}}};
    case 7:
      return {"ModifyImageAttribute",
              {{"ImageId", d.own_image}, {"Description", {{"Value", text_or("new")}}}}};
    case 8:
      return {"CreateSnapshot",
              {{"VolumeId", d.volume},
               {"Description", text_or("snap")},
               {"TagSpecifications", spec("snapshot")}}};
    case 9:
      return {
          "CreateVolume",
          {{"AvailabilityZone", "us-east-1a"}, {"Size", 1}, {"TagSpecifications", spec("volume")}}};
    case 10:
      return {
          "AttachVolume",
          {{"VolumeId", d.volume}, {"InstanceId", d.instance}, {"Device", text_or("/dev/sdf")}}};
    case 11:
      return {"DescribeImages",
              {{"Filters", {{{"Name", "name"}, {"Values", {name}}}}}, {"Owners", {"self"}}}};
    default:
      return {"DescribeTags", {{"Filters", {{{"Name", "value"}, {"Values", {text_or("web")}}}}}}};
  }
}

using Call = std::pair<std::string, Json>;

Call one_of(const std::vector<Call>& calls) {
  return calls[*rc::gen::inRange<std::size_t>(0, calls.size())];
}

// A filter with a random name and value (plain ones sometimes, so that it can match).
Json random_filters(const char* name, const std::string& value) {
  return Json::array({{{"Name", text_or(name)}, {"Values", {text_or(value)}}}});
}

// The network's actions (issue 15), random text in every string field.
std::pair<std::string, Json> random_network_call(const Doors& d) {
  auto spec = [](const char* type) {
    return Json::array({{{"ResourceType", type},
                         {"Tags", {{{"Key", text_or("team")}, {"Value", text_or("web")}}}}}});
  };
  const Json igw = {{"InternetGatewayId", text_or(d.igw)}, {"VpcId", text_or(d.vpc)}};
  switch (*rc::gen::inRange(0, 14)) {
    case 0:
      return {"CreateVpc",
              {{"CidrBlock", text_or("10.1.0.0/16")}, {"TagSpecifications", spec("vpc")}}};
    case 1:
      return {"CreateSubnet",
              {{"VpcId", text_or(d.vpc)},
               {"CidrBlock", text_or("10.0.2.0/24")},
               {"AvailabilityZone", text_or("us-east-1b")},
               {"TagSpecifications", spec("subnet")}}};
    case 2:
      return one_of({{"DeleteVpc", {{"VpcId", text_or(d.vpc)}}},
                     {"DeleteSubnet", {{"SubnetId", text_or(d.subnet)}}}});
    case 3:
      return {"ModifySubnetAttribute",
              {{"SubnetId", text_or(d.subnet)}, {"MapPublicIpOnLaunch", {{"Value", false}}}}};
    case 4:
      return {"CreateInternetGateway", {{"TagSpecifications", spec("internet-gateway")}}};
    case 5:
      return one_of({{"AttachInternetGateway", igw},
                     {"DetachInternetGateway", igw},
                     {"DeleteInternetGateway", {{"InternetGatewayId", text_or(d.igw)}}}});
    case 6:
      return {"AllocateAddress",
              {{"Domain", text_or("vpc")}, {"TagSpecifications", spec("elastic-ip")}}};
    case 7:
      return {"AssociateAddress",
              {{"AllocationId", text_or(d.allocation)},
               {"InstanceId", text_or(d.instance)},
               {"PrivateIpAddress", text_or("172.31.0.4")}}};
    case 8:
      return one_of(
          {{"DisassociateAddress", {{"AssociationId", text_or("eipassoc-0123456789abcdef0")}}},
           {"DisassociateAddress", {{"PublicIp", text_or("198.51.100.7")}}},
           {"ReleaseAddress", {{"AllocationId", text_or(d.allocation)}}}});
    case 9:
      return {*rc::gen::element<std::string>("DescribeVpcs", "DescribeSubnets",
                                             "DescribeInternetGateways", "DescribeRouteTables",
                                             "DescribeNetworkAcls", "DescribeNetworkInterfaces"),
              {{"Filters", random_filters("vpc-id", d.vpc)}}};
    case 10:
      return {
          "DescribeAddresses",
          {{"PublicIps", {text_or("198.51.100.7")}}, {"Filters", random_filters("domain", "vpc")}}};
    case 11:
      return {"DescribeAccountAttributes", {{"AttributeNames", {text_or("default-vpc")}}}};
    case 12:
      return {"DescribeInstanceTypes",
              {{"InstanceTypes", {text_or("t3.micro")}},
               {"Filters", random_filters("current-generation", "true")}}};
    case 13:
      return {"DescribeInstanceTypeOfferings",
              {{"LocationType", text_or("availability-zone")},
               {"Filters", random_filters("location", "us-east-1a")}}};
    default:
      return one_of({{"DescribeVpcs", {{"VpcIds", {text_or(d.vpc)}}}},
                     {"DescribeSubnets", {{"SubnetIds", {text_or(d.subnet)}}}}});
  }
}

// The security-group rule actions, random text in every string field.
std::pair<std::string, Json> random_rule_call(const Doors& d) {
  const Json permission = {
      {"IpProtocol", text_or("tcp")},
      {"FromPort", *rc::gen::inRange(-2, 70000)},
      {"ToPort", *rc::gen::inRange(-2, 70000)},
      {"IpRanges", {{{"CidrIp", text_or("10.0.0.0/8")}, {"Description", text_or("office")}}}},
      {"Ipv6Ranges", {{{"CidrIpv6", text_or("2001:db8::/32")}, {"Description", text_or("v6")}}}},
      {"PrefixListIds", {{{"PrefixListId", text_or("pl-0123456789abcdef0")}}}},
      {"UserIdGroupPairs", {{{"GroupId", text_or(d.group)}, {"Description", text_or("peers")}}}}};
  const Json rule = {{"IpProtocol", text_or("tcp")},
                     {"FromPort", 80},
                     {"ToPort", 80},
                     {"CidrIpv4", text_or("10.0.0.0/8")},
                     {"Description", text_or("web")}};
  switch (*rc::gen::inRange(0, 3)) {
    case 0:
      return {*rc::gen::element<std::string>(
                  "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                  "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress"),
              {{"GroupId", text_or(d.group)}, {"IpPermissions", {permission}}}};
    case 1:
      return {"AuthorizeSecurityGroupIngress",
              {{"GroupName", text_or("default")},
               {"IpProtocol", text_or("tcp")},
               {"FromPort", 22},
               {"ToPort", 22},
               {"CidrIp", text_or("10.0.0.0/8")}}};
    case 2:
      return {"ModifySecurityGroupRules",
              {{"GroupId", text_or(d.group)},
               {"SecurityGroupRules",
                {{{"SecurityGroupRuleId", text_or(d.rule)}, {"SecurityGroupRule", rule}}}}}};
    default:
      return {"DescribeSecurityGroupRules",
              {{"SecurityGroupRuleIds", {text_or(d.rule)}},
               {"Filters", random_filters("group-id", d.group)}}};
  }
}

// One call of a representative set, with random text in its string fields.
std::pair<std::string, Json> random_call(const Doors& d) {
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      return random_network_call(d);
    case 1:
      return random_rule_call(d);
    default:
      return random_image_call(d);
  }
}

// What another account sees must parse too, whatever this one did.
void others_describe(Doors& d) {
  RC_ASSERT(d.both(kOther, "DescribeImages", Json::object()).ok());
  RC_ASSERT(d.both(kOther, "DescribeImages", {{"ImageIds", {d.own_image}}}).ok());
  RC_ASSERT(d.both(kOther, "DescribeSnapshots", {{"RestorableByUserIds", {"all"}}}).ok());
  RC_ASSERT(d.both(kOther, "DescribeTags", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeSecurityGroups", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeKeyPairs", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeLaunchTemplates", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeImages", {{"Owners", {"self"}}}).ok());
  RC_ASSERT(d.both(kOther, "DescribeVpcs", Json::object()).ok());
  RC_ASSERT(d.both(kOther, "DescribeAddresses", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeSubnets", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeNetworkInterfaces", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeSecurityGroupRules", Json::object()).ok());
  RC_ASSERT(d.both("123456789012", "DescribeInternetGateways", Json::object()).ok());
}

}  // namespace

TEST_CASE("Random text in every string field: every reply parses and says what was kept") {
  rc::prop("through the gateway and in process", [] {
    Doors d(*rc::gen::inRange<std::uint64_t>(0, 1000));
    d.set_up();
    const int calls = *rc::gen::inRange(1, 8);
    for (int i = 0; i < calls; ++i) {
      auto [action, input] = random_call(d);
      RC_LOG() << action << " " << input.dump(-1, ' ', true, Json::error_handler_t::replace)
               << "\n";
      static_cast<void>(d.both("123456789012", action, input));
      others_describe(d);
    }
    RC_ASSERT(d.direct.digest() == d.gateway.world().digest());
  });
}

}  // namespace AMISIM_UNITY_ID
