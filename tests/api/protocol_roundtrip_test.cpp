// Properties of the codecs over random values of the real model's shapes: encoding then decoding
// is the identity in both directions (form <-> input JSON, output JSON <-> XML), and no input,
// however broken, makes the parser or the XML reader crash or throw.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "api/protocol/query_parser.hpp"
#include "api/protocol/query_writer.hpp"
#include "api/protocol/xml_reader.hpp"
#include "api/protocol/xml_writer.hpp"
#include "tests/api/ec2_support.hpp"

namespace {

using amisim::protocol::ServiceModel;
using amisim::protocol::Shape;
using amisim::protocol::ShapeType;
using nlohmann::json;

// Pieces of text that exercise escaping in both codecs: reserved form characters, XML markup,
// whitespace (including CR), and multi-byte UTF-8.
const std::vector<std::string> kPieces = {"a",
                                          "Z",
                                          "0",
                                          " ",
                                          "+",
                                          "%",
                                          "&",
                                          "=",
                                          ".",
                                          "<",
                                          ">",
                                          "\"",
                                          "'",
                                          "\t",
                                          "\n",
                                          "\r",
                                          "\xC3\xA9",
                                          "\xE2\x82\xAC",
                                          "\xF0\x9D\x84\x9E",
                                          "ami-",
                                          "*",
                                          "/",
                                          "~"};

std::string random_text() {
  auto pieces = *rc::gen::container<std::vector<std::string>>(*rc::gen::inRange(0, 8),
                                                              rc::gen::elementOf(kPieces));
  std::string out;
  for (const auto& p : pieces) out += p;
  return out;
}

std::string random_timestamp() {
  std::string out =
      fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", *rc::gen::inRange(1970, 2100),
                  *rc::gen::inRange(1, 13), *rc::gen::inRange(1, 29), *rc::gen::inRange(0, 24),
                  *rc::gen::inRange(0, 60), *rc::gen::inRange(0, 60));
  if (*rc::gen::arbitrary<bool>()) out += ".123";
  return out + (*rc::gen::arbitrary<bool>() ? "Z" : "+02:00");
}

json random_value(std::size_t shape_index, int depth);

// A structure with its required members and a random choice of the others. Nested structures
// get at least one member: an empty one has no form encoding, so it could not come back.
json random_structure(const Shape& shape, int depth, bool may_be_empty) {
  json out = json::object();
  for (const auto& m : shape.members) {
    bool required =
        std::find(shape.required.begin(), shape.required.end(), m.name) != shape.required.end();
    if (test::ec2_model().shape(m.shape).type == ShapeType::kMap) continue;
    if (required || (depth < 5 && *rc::gen::arbitrary<bool>()))
      out[m.name] = random_value(m.shape, depth + 1);
  }
  if (out.empty() && !may_be_empty && !shape.members.empty()) {
    const auto& m = shape.members[*rc::gen::inRange<std::size_t>(0, shape.members.size())];
    out[m.name] = random_value(m.shape, depth + 1);
  }
  return out;
}

json random_value(std::size_t shape_index, int depth) {
  const Shape& shape = test::ec2_model().shape(shape_index);
  switch (shape.type) {
    case ShapeType::kStructure:
      return random_structure(shape, depth, false);
    case ShapeType::kList: {
      json out = json::array();
      int n = *rc::gen::inRange(1, depth < 4 ? 4 : 2);
      for (int i = 0; i < n; ++i) out.push_back(random_value(shape.item.shape, depth + 1));
      return out;
    }
    case ShapeType::kInteger:
      return json(*rc::gen::arbitrary<std::int32_t>());
    case ShapeType::kLong:
      return json(*rc::gen::arbitrary<std::int64_t>());
    case ShapeType::kBoolean:
      return json(*rc::gen::arbitrary<bool>());
    case ShapeType::kTimestamp:
      return json(random_timestamp());
    case ShapeType::kBlob:
      return json(std::string("aGVsbG8="));
    case ShapeType::kDouble:  // finite values, as the wire carries no NaN or infinity
      return json(static_cast<double>(*rc::gen::inRange(-1'000'000, 1'000'000)) / 8.0);
    default:
      return json(random_text());
  }
}

// A parse or read that ended properly: a value, or an error with a code. (A named function:
// RC_ASSERT decomposes its expression, so "a || b" inside it would not short-circuit.)
template <class T>
bool answered(const amisim::protocol::WireResult<T>& r) {
  return r.ok() || !r.error().code.empty();
}

std::vector<std::string> operations_with(bool input) {
  std::vector<std::string> out;
  for (const auto& [name, op] : test::ec2_model().operations()) {
    if ((input ? op.input : op.output) != amisim::protocol::kNoShape) out.push_back(name);
  }
  return out;
}

}  // namespace

TEST_CASE("Form-encoding a random valid input then parsing it gives the input back") {
  rc::prop("write_query then parse_query is the identity", [] {
    const std::string action = *rc::gen::elementOf(operations_with(true));
    const auto* op = test::ec2_model().operation(action);
    json input = random_structure(test::ec2_model().shape(op->input), 0, true);
    auto body = amisim::protocol::write_query(test::ec2_model(), action, input);
    RC_ASSERT(body.ok());
    auto parsed = amisim::protocol::parse_query(test::ec2_model(), body.value());
    if (!parsed.ok()) RC_FAIL(parsed.error().code + ": " + parsed.error().message);
    RC_CLASSIFY(body.value().size() > 500, "big");
    RC_ASSERT(parsed.value().action == action);
    RC_ASSERT(parsed.value().input == input);
  });
}

TEST_CASE("Writing a random output as XML then reading it gives the output back") {
  rc::prop("write_response then read_reply is the identity", [] {
    const std::string action = *rc::gen::elementOf(operations_with(false));
    const auto* op = test::ec2_model().operation(action);
    json output = random_structure(test::ec2_model().shape(op->output), 0, true);
    std::string id = random_text();
    std::string xml = amisim::protocol::write_response(test::ec2_model(), action, output, id);
    auto reply = amisim::protocol::read_reply(test::ec2_model(), action, xml, 200);
    if (!reply.ok()) RC_FAIL(reply.error().message + "\n" + xml);
    RC_CLASSIFY(xml.size() > 2000, "big");
    RC_ASSERT(reply.value().request_id == id);
    if (reply.value().output != output) {
      RC_FAIL("wrote " + output.dump() + "\nread " + reply.value().output.dump() + "\n" + xml);
    }
  });
}

TEST_CASE("Random bytes never crash the query parser, they parse or give an error code") {
  rc::prop("parse_query is total", [](const std::string& bytes) {
    auto r =
        amisim::protocol::parse_query(test::ec2_model(), "Action=RunInstances&Version=1&" + bytes);
    RC_ASSERT(answered(r));
    auto raw = amisim::protocol::parse_query(test::ec2_model(), bytes);
    RC_ASSERT(answered(raw));
  });
}

TEST_CASE("Mutated valid requests never crash the query parser") {
  rc::prop("parse_query is total on near-valid input", [] {
    const std::string action = *rc::gen::elementOf(operations_with(true));
    json input = random_structure(
        test::ec2_model().shape(test::ec2_model().operation(action)->input), 0, true);
    std::string body = amisim::protocol::write_query(test::ec2_model(), action, input).value();
    int edits = *rc::gen::inRange(1, 6);
    for (int i = 0; i < edits && !body.empty(); ++i) {
      auto at = *rc::gen::inRange<std::size_t>(0, body.size());
      body[at] = *rc::gen::elementOf(std::string("&=.%+1aZ\xff\x80"));
    }
    auto r = amisim::protocol::parse_query(test::ec2_model(), body);
    RC_ASSERT(answered(r));
  });
}

TEST_CASE("Random and mutated XML never crash the reply reader") {
  rc::prop("read_reply is total", [](const std::string& bytes) {
    auto r = amisim::protocol::read_reply(test::ec2_model(), "DescribeImages", bytes, 200);
    RC_ASSERT(answered(r));
    const std::string action = *rc::gen::elementOf(operations_with(false));
    json output = random_structure(
        test::ec2_model().shape(test::ec2_model().operation(action)->output), 0, true);
    std::string xml = amisim::protocol::write_response(test::ec2_model(), action, output, "r");
    int edits = *rc::gen::inRange(1, 6);
    for (int i = 0; i < edits; ++i) {
      auto at = *rc::gen::inRange<std::size_t>(0, xml.size());
      xml[at] = *rc::gen::elementOf(std::string("<>/&;#x!?\"'a1\xff"));
    }
    auto m = amisim::protocol::read_reply(test::ec2_model(), action, xml, 200);
    RC_ASSERT(answered(m));
  });
}
