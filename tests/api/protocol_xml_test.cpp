// Output JSON -> EC2 XML and back. Element names come from aws-facts.md §1.4 (imagesSet,
// imageState, imageOwnerId, isPublic, instancesSet, currentState...), envelopes from §1.4/§1.5.
#include <catch2/catch.hpp>
#include <string>

#include "api/protocol/xml_document.hpp"
#include "api/protocol/xml_reader.hpp"
#include "api/protocol/xml_writer.hpp"
#include "sim/core/utf8.hpp"
#include "tests/api/ec2_support.hpp"

namespace {

using amisim::protocol::ServiceModel;
using amisim::protocol::WireError;
using nlohmann::json;

const json kImages = json::parse(R"({"Images": [{
  "ImageId": "ami-0123456789abcdef0", "State": "available", "OwnerId": "123456789012",
  "Public": false, "Name": "web & <db>", "CreationDate": "2026-11-01T00:00:00.000Z",
  "BlockDeviceMappings": [{"DeviceName": "/dev/xvda",
                           "Ebs": {"SnapshotId": "snap-1", "VolumeSize": 8,
                                   "DeleteOnTermination": true}}],
  "Tags": [], "ProductCodes": [{"ProductCodeId": "abc", "ProductCodeType": "marketplace"}]}],
  "NextToken": "t"})");

}  // namespace

TEST_CASE("A DescribeImages reply uses imagesSet, item, imageState, imageOwnerId and isPublic") {
  std::string xml =
      amisim::protocol::write_response(test::ec2_model(), "DescribeImages", kImages, "req-1");
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeImagesResponse "
                  "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId>",
                  0) == 0);
  CHECK(xml.find("<imagesSet><item><") != std::string::npos);
  CHECK(xml.find("<imageId>ami-0123456789abcdef0</imageId>") != std::string::npos);
  CHECK(xml.find("<imageState>available</imageState>") != std::string::npos);
  CHECK(xml.find("<imageOwnerId>123456789012</imageOwnerId>") != std::string::npos);
  CHECK(xml.find("<isPublic>false</isPublic>") != std::string::npos);
  CHECK(xml.find("<name>web &amp; &lt;db&gt;</name>") != std::string::npos);
  CHECK(xml.find("<blockDeviceMapping><item><") != std::string::npos);
  CHECK(xml.find("<deviceName>/dev/xvda</deviceName>") != std::string::npos);
  CHECK(xml.find("<ebs><") != std::string::npos);
  CHECK(xml.find("<snapshotId>snap-1</snapshotId>") != std::string::npos);
  CHECK(xml.find("<volumeSize>8</volumeSize>") != std::string::npos);
  CHECK(xml.find("<deleteOnTermination>true</deleteOnTermination>") != std::string::npos);
  CHECK(xml.find("<tagSet/>") != std::string::npos);
  CHECK(xml.find("<productCodes><item><productCode>abc</productCode><type>marketplace</type>") !=
        std::string::npos);
  CHECK(xml.find("<nextToken>t</nextToken>") != std::string::npos);
  CHECK(xml.size() >= 25);
  CHECK(xml.substr(xml.size() - 25) == "</DescribeImagesResponse>");
}

TEST_CASE("Start/Stop/Terminate replies list instancesSet with currentState and previousState") {
  json out = json::parse(R"({"StoppingInstances": [{"InstanceId": "i-1",
    "CurrentState": {"Code": 64, "Name": "stopping"},
    "PreviousState": {"Code": 16, "Name": "running"}}]})");
  std::string xml = amisim::protocol::write_response(test::ec2_model(), "StopInstances", out, "r");
  // In model order, which is the order of the API reference's sample response.
  CHECK(xml.find("<instancesSet><item><instanceId>i-1</instanceId><currentState><code>64</code>"
                 "<name>stopping</name></currentState><previousState><code>16</code>"
                 "<name>running</name></previousState></item></instancesSet>") !=
        std::string::npos);
}

TEST_CASE("Actions without an output shape reply <return>true</return>") {
  std::string xml =
      amisim::protocol::write_response(test::ec2_model(), "DeleteTags", json::object(), "r");
  CHECK(xml.find("<DeleteTagsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                 "<requestId>r</requestId><return>true</return></DeleteTagsResponse>") !=
        std::string::npos);
}

TEST_CASE("The error envelope has Response/Errors/Error/Code and RequestID with capital ID") {
  WireError e{"InvalidAMIID.NotFound", "The image id '[ami-1]' does not exist", 400};
  CHECK(amisim::protocol::write_error(e, "req-9") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
        "InvalidAMIID.NotFound</Code><Message>The image id &apos;[ami-1]&apos; does not exist"
        "</Message></Error></Errors><RequestID>req-9</RequestID></Response>");
}

TEST_CASE("Reading a written DescribeImages reply gives back the output JSON and requestId") {
  std::string xml =
      amisim::protocol::write_response(test::ec2_model(), "DescribeImages", kImages, "req-1");
  auto reply = amisim::protocol::read_reply(test::ec2_model(), "DescribeImages", xml, 200);
  REQUIRE(reply.ok());
  CHECK(reply.value().request_id == "req-1");
  CHECK(reply.value().output == kImages);
}

TEST_CASE("Reading an error envelope gives the carried code, message and status") {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<Response><Errors><Error><Code>AuthFailure</Code>"
      "<Message>AWS was not able to validate</Message></Error></Errors>"
      "<RequestID>x</RequestID></Response>";
  auto reply = amisim::protocol::read_reply(test::ec2_model(), "DescribeImages", xml, 401);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error() == WireError{"AuthFailure", "AWS was not able to validate", 401});
}

TEST_CASE("The reader skips unknown elements, comments and namespaces and decodes references") {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- hi --><ec2:DescribeKeyPairsResponse "
      "xmlns:ec2='urn:x'><requestId>r</requestId><futureField>1</futureField><keySet><item>"
      "<keyName>a&#x20AC;&#65;<![CDATA[<b>]]></keyName><keyPairId>key-1</keyPairId>"
      "</item></keySet></ec2:DescribeKeyPairsResponse>";
  auto reply = amisim::protocol::read_reply(test::ec2_model(), "DescribeKeyPairs", xml, 200);
  REQUIRE(reply.ok());
  CHECK(reply.value().output ==
        json::parse(R"({"KeyPairs": [{"KeyName": "a\u20acA<b>", "KeyPairId": "key-1"}]})"));
}

TEST_CASE("Garbage, wrong roots, bad scalars and DOCTYPE are MalformedResponse") {
  auto code = [](const std::string& xml) {
    auto r = amisim::protocol::read_reply(test::ec2_model(), "DescribeImages", xml, 200);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  CHECK(code("") == "MalformedResponse");
  CHECK(code("not xml") == "MalformedResponse");
  CHECK(code("<DescribeImagesResponse>") == "MalformedResponse");
  CHECK(code("<DescribeImagesResponse></Other>") == "MalformedResponse");
  CHECK(code("<RunInstancesResponse/>") == "MalformedResponse");
  CHECK(code("<!DOCTYPE x [<!ENTITY a 'b'>]><DescribeImagesResponse/>") == "MalformedResponse");
  CHECK(code("<DescribeImagesResponse>&bogus;</DescribeImagesResponse>") == "MalformedResponse");
  CHECK(code("<DescribeImagesResponse><imagesSet><item><isPublic>maybe</isPublic></item>"
             "</imagesSet></DescribeImagesResponse>") == "MalformedResponse");
  CHECK(code("<DescribeImagesResponse/><extra/>") == "MalformedResponse");
  CHECK(code("<DescribeImagesResponse/>") == "ok");
}

TEST_CASE("XML nesting deeper than the limit is refused, not recursed into") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  auto r = amisim::protocol::parse_xml(deep);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("nesting too deep") != std::string::npos);
}

TEST_CASE("Tab, LF and CR are written faithfully and what XML forbids never reaches the document") {
  fmt::memory_buffer out;
  amisim::protocol::append_escaped(out, std::string("a\rb\x01"
                                                    "c\td\ne",
                                                    9));
  CHECK(fmt::to_string(out) ==
        "a&#13;b\xEF\xBF\xBD"
        "c\td\ne");
}

TEST_CASE(
    "XML reader refuses replies that are not UTF-8 or hold characters XML forbids "
    "(found by fuzz_xml_reader: the writer could not send such text back)") {
  auto model = amisim::protocol::ServiceModel::load_ec2();
  auto read = [&](const std::string& name) {
    std::string xml = "<DescribeKeyPairsResponse><requestId>r</requestId><keySet><item><keyName>" +
                      name + "</keyName></item></keySet></DescribeKeyPairsResponse>";
    return amisim::protocol::read_reply(*model, "DescribeKeyPairs", xml, 200);
  };
  REQUIRE(read("ops").ok());
  CHECK(read("ops").value().output["KeyPairs"][0]["KeyName"] == "ops");
  // Raw or as references: C0 controls, NUL, U+FFFE, U+FFFF, surrogates (raw bytes and references),
  // above U+10FFFF, and bytes that are not UTF-8.
  for (std::string bad :
       {std::string("o\xF2ps"), std::string("o\x0Eps"), std::string("o&#14;ps"),
        std::string("o&#xFFFE;ps"), std::string("o\xEF\xBF\xBEps"), std::string("o\xEF\xBF\xBFps"),
        std::string("o&#xFFFF;ps"), std::string("o\0ps", 4), std::string("o&#0;ps"),
        std::string("o\xED\xA0\x80ps"), std::string("o&#xD800;ps"), std::string("o&#x110000;ps"),
        std::string("o&#4294967306;ps"), std::string("o\xC0\xAFps")}) {
    INFO(amisim::sim::to_xml_text(bad) << " (" << bad.size() << " bytes)");
    auto r = read(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "MalformedResponse");
  }
}

TEST_CASE("The XML writer turns U+FFFE, U+FFFF, surrogates and invalid UTF-8 into U+FFFD") {
  fmt::memory_buffer out;
  amisim::protocol::append_escaped(out, "public \xEF\xBF\xBF \xEF\xBF\xBE \xED\xA0\x80 \xFF <&>");
  CHECK(fmt::to_string(out) ==
        "public \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD "
        "&lt;&amp;&gt;");
  // Characters XML allows pass as they are, up to U+10FFFF.
  out.clear();
  amisim::protocol::append_escaped(out, "\xE2\x82\xAC\xF4\x8F\xBF\xBF\xEF\xBF\xBD");
  CHECK(fmt::to_string(out) == "\xE2\x82\xAC\xF4\x8F\xBF\xBF\xEF\xBF\xBD");
}
