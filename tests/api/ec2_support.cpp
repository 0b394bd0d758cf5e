#include "tests/api/ec2_support.hpp"

#include <fmt/format.h>

#include "api/protocol/xml_reader.hpp"
#include "api/protocol/xml_writer.hpp"
#include "sim/ebs/volumes.hpp"
#include "tests/api/query_support.hpp"

namespace test {
namespace {

using amisim::protocol::Shape;
using amisim::protocol::ShapeType;

void check(const amisim::protocol::ServiceModel& m, std::size_t shape_index, const Json& v,
           const std::string& path, std::string& problems) {
  const Shape& s = m.shape(shape_index);
  auto bad = [&](std::string_view what) {
    problems += fmt::format("{}: {} (got {})\n", path, what, v.dump().substr(0, 80));
  };
  switch (s.type) {
    case ShapeType::kStructure:
      if (!v.is_object()) return bad("expected an object");
      for (const auto& [key, value] : v.items()) {
        const auto* member = s.member(key);
        if (member == nullptr) {
          problems += fmt::format("{}.{}: not a member of {}\n", path, key, s.name);
        } else if (!value.is_null()) {
          check(m, member->shape, value, path + "." + key, problems);
        }
      }
      return;
    case ShapeType::kList:
      if (!v.is_array()) return bad("expected a list");
      for (std::size_t i = 0; i < v.size(); ++i) {
        check(m, s.item.shape, v[i], fmt::format("{}[{}]", path, i), problems);
      }
      return;
    case ShapeType::kMap:
      if (!v.is_object()) return bad("expected a map");
      return;
    case ShapeType::kString:
    case ShapeType::kTimestamp:
    case ShapeType::kBlob:
      if (!v.is_string()) bad("expected a string");
      return;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (!v.is_number_integer()) bad("expected an integer");
      return;
    case ShapeType::kBoolean:
      if (!v.is_boolean()) bad("expected a boolean");
      return;
    case ShapeType::kDouble:
      if (!v.is_number()) bad("expected a number");
      return;
  }
}

}  // namespace

const amisim::protocol::ServiceModel& ec2_model() {
  static const auto model = amisim::protocol::ServiceModel::load_ec2();
  return *model;
}

std::string output_shape_problems(const std::string& action, const Json& output) {
  const auto* op = ec2_model().operation(action);
  if (op == nullptr) return "no such operation " + action;
  std::string problems;
  if (op->output == amisim::protocol::kNoShape) {
    if (!output.empty()) problems = "operation has no output, but the handler returned some";
    return problems;
  }
  check(ec2_model(), op->output, output, action, problems);
  return problems;
}

namespace {

// JSON for a failure message; strings that are not UTF-8 (bad input under test) shown with
// U+FFFD instead of throwing.
std::string shown(const Json& v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

amisim::protocol::WireResult<Json> Ec2::call(const std::string& action, const Json& input,
                                             const sim::Caller* who) {
  auto result = amisim::ec2::call(world, who ? *who : caller, action, input);
  if (result.ok()) {
    INFO(action << " output: " << shown(result.value()));
    CHECK(output_shape_problems(action, result.value()) == "");
    std::string xml =
        amisim::protocol::write_response(ec2_model(), action, result.value(), "req-test");
    auto back = amisim::protocol::read_reply(ec2_model(), action, xml, 200);
    REQUIRE(back.ok());
    const auto* op = ec2_model().operation(action);
    if (op->output != amisim::protocol::kNoShape) {
      CHECK(back.value().output == without_nulls(result.value()));
    }
  }
  return result;
}

Json Ec2::ok(const std::string& action, const Json& input, const sim::Caller* who) {
  auto result = call(action, input, who);
  INFO(action << " " << shown(input) << " -> "
              << (result.ok() ? std::string("ok")
                              : result.error().code + ": " + result.error().message));
  REQUIRE(result.ok());
  return result.value();
}

WireError Ec2::error(const std::string& action, const Json& input, const sim::Caller* who) {
  auto result = call(action, input, who);
  INFO(action << " " << shown(input) << " unexpectedly succeeded");
  REQUIRE(!result.ok());
  return result.error();
}

Json describe_image(Ec2& ec2, const std::string& id, const sim::Caller* who) {
  Json out = ec2.ok("DescribeImages", {{"ImageIds", {id}}}, who);
  REQUIRE(out["Images"].size() == 1);
  return out["Images"][0];
}

std::string completed_snapshot(Ec2& ec2) {
  const std::string volume =
      ec2.ok("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
  ec2.advance(sim::kVolumeCreateMs);
  const std::string id = ec2.ok("CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
  ec2.settle();
  return id;
}

}  // namespace test
