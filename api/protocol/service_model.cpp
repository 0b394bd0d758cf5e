#include "api/protocol/service_model.hpp"

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "api/io/fixtures.hpp"

namespace amisim::protocol {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::string_view kModelFile = "aws/ec2-2016-11-15.json";

ShapeType parse_type(const std::string& type, const std::string& shape) {
  static const std::map<std::string, ShapeType, std::less<>> kTypes = {
      {"structure", ShapeType::kStructure},
      {"list", ShapeType::kList},
      {"map", ShapeType::kMap},
      {"string", ShapeType::kString},
      {"integer", ShapeType::kInteger},
      {"long", ShapeType::kLong},
      {"boolean", ShapeType::kBoolean},
      {"timestamp", ShapeType::kTimestamp},
      {"blob", ShapeType::kBlob},
      {"double", ShapeType::kDouble},
      {"float", ShapeType::kDouble}};
  auto it = kTypes.find(type);
  if (it == kTypes.end())
    throw std::runtime_error(
        fmt::format("service model: shape {} has unknown type {}", shape, type));
  return it->second;
}

std::optional<long long> bound(const ojson& node, const char* key) {
  if (!node.contains(key) || !node.at(key).is_number()) return std::nullopt;
  return node.at(key).get<long long>();
}

}  // namespace

std::string Member::query_wire_name() const {
  if (!query_name.empty()) return query_name;
  if (location_name.empty()) return name;
  std::string out = location_name;
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

const Member* Shape::member(std::string_view sdk_name) const {
  auto it = by_name_.find(sdk_name);
  return it == by_name_.end() ? nullptr : &members[it->second];
}

const Member* Shape::member_by_query_name(std::string_view wire_name) const {
  auto it = by_query_name_.find(wire_name);
  return it == by_query_name_.end() ? nullptr : &members[it->second];
}

const Member* Shape::member_by_xml_name(std::string_view element) const {
  auto it = by_xml_name_.find(element);
  return it == by_xml_name_.end() ? nullptr : &members[it->second];
}

// Builds the index from the model JSON, resolving named shapes once (a named shape gets its slot
// before its members are read, so a recursive shape would terminate too).
class ModelBuilder {
 public:
  explicit ModelBuilder(const ojson& model) : model_(model) {}

  std::shared_ptr<const ServiceModel> build() {
    if (!model_.is_object() || !model_.contains("operations"))
      throw std::runtime_error("service model: no operations");
    ojson meta = model_.value("metadata", ojson::object());
    out_->api_version_ = meta.value("apiVersion", "");
    out_->xml_namespace_ = meta.value("xmlNamespace", "");
    for (const auto& [name, node] : model_.at("operations").items()) {
      Operation op{name, kNoShape, kNoShape};
      if (node.contains("input")) op.input = resolve(node.at("input"), name + ".input");
      if (node.contains("output")) op.output = resolve(node.at("output"), name + ".output");
      out_->operations_.emplace(name, std::move(op));
    }
    return out_;
  }

 private:
  // A node that either names a shape ({"shape": "X"}) or defines one inline.
  std::size_t resolve(const ojson& node, const std::string& inline_name) {
    if (node.contains("shape")) return named(node.at("shape").get<std::string>());
    return define(node, inline_name);
  }

  std::size_t named(const std::string& name) {
    auto it = named_.find(name);
    if (it != named_.end()) return it->second;
    if (!model_.contains("shapes") || !model_.at("shapes").contains(name))
      throw std::runtime_error(fmt::format("service model: shape {} is not defined", name));
    return define(model_.at("shapes").at(name), name);
  }

  std::size_t define(const ojson& node, const std::string& name) {
    std::size_t index = out_->shapes_.size();
    out_->shapes_.emplace_back();
    named_.emplace(name, index);
    Shape shape;
    shape.name = name;
    shape.type = parse_type(node.value("type", "string"), name);
    shape.min = bound(node, "min");
    shape.max = bound(node, "max");
    shape.flattened = node.value("flattened", false);
    if (shape.type == ShapeType::kStructure) read_members(node, shape);
    if (shape.type == ShapeType::kList)
      shape.item = member(node.value("member", ojson::object()), "", name + "/member");
    if (shape.type == ShapeType::kMap) {
      shape.key = member(node.value("key", ojson::object()), "", name + "/key");
      shape.item = member(node.value("value", ojson::object()), "", name + "/value");
    }
    out_->shapes_[index] = std::move(shape);
    return index;
  }

  Member member(const ojson& node, const std::string& member_name, const std::string& inline_name) {
    Member m;
    m.name = member_name;
    m.location_name = node.value("locationName", "");
    m.query_name = node.value("queryName", "");
    m.flattened = node.value("flattened", false);
    m.shape = resolve(node, inline_name);
    return m;
  }

  void read_members(const ojson& node, Shape& shape) {
    const ojson members =
        node.value("members", ojson::object());  // a copy: items() must not dangle
    for (const auto& [name, m] : members.items()) {
      shape.members.push_back(member(m, name, shape.name + "/" + name));
      std::size_t i = shape.members.size() - 1;
      shape.by_name_.emplace(name, i);
      shape.by_query_name_.emplace(shape.members[i].query_wire_name(), i);
      shape.by_xml_name_.emplace(shape.members[i].xml_name(), i);
    }
    const ojson required = node.value("required", ojson::array());
    for (const auto& r : required) shape.required.push_back(r);
  }

  const ojson& model_;
  std::shared_ptr<ServiceModel> out_ = std::make_shared<ServiceModel>();
  std::map<std::string, std::size_t> named_;
};

std::shared_ptr<const ServiceModel> ServiceModel::from_json(const nlohmann::ordered_json& model) {
  try {
    return ModelBuilder(model).build();
  } catch (const ojson::exception& e) {
    throw std::runtime_error(fmt::format("service model: {}", e.what()));
  }
}

std::shared_ptr<const ServiceModel> ServiceModel::load_ec2() {
  for (const auto& [name, text] : io::embedded_fixtures()) {
    if (name == kModelFile) return from_json(ojson::parse(text));
  }
  throw std::runtime_error(fmt::format("fixtures/{} is not embedded", kModelFile));
}

const Operation* ServiceModel::operation(std::string_view name) const {
  auto it = operations_.find(name);
  return it == operations_.end() ? nullptr : &it->second;
}

}  // namespace amisim::protocol
