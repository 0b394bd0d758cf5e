// The AWS EC2 service model (fixtures/aws/ec2-2016-11-15.json, trimmed by
// scripts/trim_service_model.py) as an index the codecs walk: operations with their input and
// output shapes, and every shape with its members and wire names. Read once, then immutable.
//
// The loader takes either source format the script writes: botocore's (named shapes only) or the
// npm aws-sdk v2 min.json (inline shapes, a member without "type" is a string). Inline shapes get
// an index like named ones, so callers never see the difference.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amisim::protocol {

enum class ShapeType {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kBoolean,
  kTimestamp,
  kBlob,
  kDouble
};

constexpr std::size_t kNoShape = static_cast<std::size_t>(-1);

// A use of a shape: a structure member, a list's entry, a map's key or value.
struct Member {
  std::string name;           // SDK name, the key in the JSON form ("ImageIds")
  std::string location_name;  // "" when not modelled
  std::string query_name;     // "" when not modelled
  bool flattened = false;
  std::size_t shape = kNoShape;

  // Request parameter name (EC2 protocol): queryName, else locationName with its first letter
  // upper-cased, else the member name. [doc] aws-facts.md §1.2 (botocore EC2Serializer).
  std::string query_wire_name() const;
  // Response element name: locationName, else the member name.
  const std::string& xml_name() const { return location_name.empty() ? name : location_name; }
};

struct Shape {
  std::string name;  // model name; inline shapes get a synthetic "Operation.input/Member" name
  ShapeType type = ShapeType::kString;
  std::vector<Member> members;        // structures, in model order (the XML element order)
  std::vector<std::string> required;  // structures: required member names
  Member item;                        // lists: the entry; maps: the value
  Member key;                         // maps: the key
  std::optional<long long> min, max;  // length or value bounds, when modelled
  bool flattened = false;

  // The member with this SDK name / request wire name / response element name, or null.
  const Member* member(std::string_view sdk_name) const;
  const Member* member_by_query_name(std::string_view wire_name) const;
  const Member* member_by_xml_name(std::string_view element) const;

  std::map<std::string, std::size_t, std::less<>> by_name_, by_query_name_, by_xml_name_;
};

struct Operation {
  std::string name;
  std::size_t input = kNoShape;   // kNoShape: takes no parameters
  std::size_t output = kNoShape;  // kNoShape: replies with <return>true</return> only
};

class ServiceModel {
 public:
  // Builds the index. Throws std::runtime_error naming the shape when the model is malformed:
  // the model is shipped data, so that is a build defect, not a user mistake. Takes ordered_json
  // because member order matters: the XML writer writes elements in model order.
  static std::shared_ptr<const ServiceModel> from_json(const nlohmann::ordered_json& model);
  // The embedded fixtures/aws/ec2-2016-11-15.json. Throws as above.
  static std::shared_ptr<const ServiceModel> load_ec2();

  const Operation* operation(std::string_view name) const;
  const std::map<std::string, Operation, std::less<>>& operations() const { return operations_; }
  const Shape& shape(std::size_t index) const { return shapes_.at(index); }
  const std::string& api_version() const { return api_version_; }
  const std::string& xml_namespace() const { return xml_namespace_; }

 private:
  friend class ModelBuilder;
  std::vector<Shape> shapes_;
  std::map<std::string, Operation, std::less<>> operations_;
  std::string api_version_;
  std::string xml_namespace_;
};

}  // namespace amisim::protocol
