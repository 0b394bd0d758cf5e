// Issue 14 §1: every reply parses, whatever text callers send.
//   - Defence in depth: whatever text reaches the EC2 XML writer, the reply is a document every
//     XML 1.0 reader accepts. The project's own reader (api/protocol/xml_document.cpp) is as strict
//     as XML 1.0 and reads the text back as the writer's U+FFFD-for-the-unwritable form of it.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>

#include "api/protocol/xml_reader.hpp"
#include "api/protocol/xml_writer.hpp"
#include "nasty_text.hpp"
#include "sim/core/utf8.hpp"

using Json = nlohmann::json;
namespace protocol = amisim::protocol;
namespace sim = amisim::sim;

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
