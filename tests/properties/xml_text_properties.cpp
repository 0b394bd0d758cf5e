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
const std::string kOther = "210987654321";

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
    auto in_process = amisim::ec2::call(direct, caller(account), action, input);
    auto http = over_http(account, action, input);
    const bool no_server_error = in_process.ok() || in_process.error().http_status < 500;
    RC_ASSERT(no_server_error);
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
  }
};

// Text for one field: usually nasty, sometimes a plain valid value so that the call can get past
// the field to the next one.
std::string text_or(const std::string& plain) {
  return *rc::gen::weightedOneOf<std::string>(
      {{3, test::props::nasty_text()}, {1, rc::gen::just(plain)}});
}

// One call of a representative set, with random text in its string fields.
std::pair<std::string, Json> random_call(const Doors& d) {
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
