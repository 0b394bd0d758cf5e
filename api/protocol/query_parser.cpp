#include "api/protocol/query_parser.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "api/protocol/scalars.hpp"

namespace amisim::protocol {
namespace {

using nlohmann::json;

// The parameters grouped by dotted name: "Filter.1.Name" is children["Filter"]["1"]["Name"].
struct Node {
  std::optional<std::string> value;
  std::map<std::string, Node, std::less<>> children;
};

bool is_auth_parameter(std::string_view name) {
  static const std::set<std::string_view> kAuth = {
      "AWSAccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
      "Timestamp",      "Expires",   "SecurityToken"};
  return kAuth.count(name) > 0 || name.rfind("X-Amz-", 0) == 0;
}

std::string join(std::string_view path, std::string_view segment) {
  if (path.empty()) return std::string(segment);
  std::string out(path);
  out.push_back('.');
  out.append(segment);
  return out;
}

std::optional<WireError> insert(Node& root, const FormField& field, const ParserLimits& limits) {
  if (field.name.size() > limits.max_name_bytes) return wire_errors::unknown_parameter(field.name);
  Node* node = &root;
  std::string_view rest = field.name;
  for (std::size_t depth = 0;; ++depth) {
    std::size_t dot = rest.find('.');
    std::string_view segment = rest.substr(0, dot);
    if (segment.empty() || depth >= limits.max_segments)
      return wire_errors::unknown_parameter(field.name);
    node = &node->children[std::string(segment)];
    if (dot == std::string_view::npos) break;
    rest = rest.substr(dot + 1);
  }
  if (node->value) return wire_errors::repeated_parameter(field.name);
  node->value = field.value;
  return std::nullopt;
}

// The full name of the first parameter under node, for messages: "ImageIds" -> "ImageIds.1".
std::string first_name(std::string name, const Node* node) {
  while (!node->value && !node->children.empty()) {
    name = join(name, node->children.begin()->first);
    node = &node->children.begin()->second;
  }
  return name;
}

class Converter {
 public:
  Converter(const ServiceModel& model, const ParserLimits& limits)
      : model_(model), limits_(limits) {}

  WireResult<json> convert(const Node& node, std::size_t shape_index, const std::string& path) {
    const Shape& shape = model_.shape(shape_index);
    switch (shape.type) {
      case ShapeType::kStructure:
        return structure(node, shape, path);
      case ShapeType::kList:
        return list(node, shape, path);
      case ShapeType::kMap:
        return wire_errors::unknown_parameter(path);  // none in EC2's model
      default:
        return scalar(node, shape, path);
    }
  }

  WireResult<json> structure(const Node& node, const Shape& shape, const std::string& path) {
    if (node.value && !path.empty()) return wire_errors::unknown_parameter(path);
    json out = json::object();
    for (const auto& [segment, child] : node.children) {
      const Member* member = shape.member_by_query_name(segment);
      if (!member) return wire_errors::unknown_parameter(first_name(join(path, segment), &child));
      auto value = convert(child, member->shape, join(path, segment));
      if (!value.ok()) return value.error();
      out[member->name] = std::move(value).value();
    }
    for (const auto& name : shape.required) {
      const Member* member = shape.member(name);
      if (member && !out.contains(name))
        return wire_errors::missing_parameter(join(path, member->query_wire_name()));
    }
    return out;
  }

  WireResult<json> list(const Node& node, const Shape& shape, const std::string& path) {
    if (node.value) return wire_errors::unknown_parameter(path);
    std::map<long, const Node*> entries;
    for (const auto& [segment, child] : node.children) {
      long index = 0;
      auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), index);
      bool decimal = ec == std::errc() && end == segment.data() + segment.size() &&
                     segment[0] != '0' && index > 0;
      if (!decimal) return wire_errors::unknown_parameter(first_name(join(path, segment), &child));
      if (index > limits_.max_list_index)
        return wire_errors::list_index_too_large(join(path, segment), segment,
                                                 limits_.max_list_index);
      entries.emplace(index, &child);
    }
    json out = json::array();
    for (const auto& [index, child] : entries) {
      auto value = convert(*child, shape.item.shape, join(path, std::to_string(index)));
      if (!value.ok()) return value.error();
      out.push_back(std::move(value).value());
    }
    return out;
  }

  WireResult<json> scalar(const Node& node, const Shape& shape, const std::string& path) {
    if (!node.children.empty()) {
      const auto& [segment, child] = *node.children.begin();
      return wire_errors::unknown_parameter(first_name(join(path, segment), &child));
    }
    std::string reason;
    auto value = scalar_from_text(shape.type, node.value.value_or(""), &reason);
    if (!value) return wire_errors::invalid_value(path, node.value.value_or(""), reason);
    return std::move(*value);
  }

 private:
  const ServiceModel& model_;
  const ParserLimits& limits_;
};

// Takes Action and Version out of the tree; the rest is the operation's input.
WireResult<ParsedRequest> envelope(const ServiceModel& model, Node& root) {
  ParsedRequest request;
  auto take = [&root](const char* name) -> std::optional<std::string> {
    auto it = root.children.find(name);
    if (it == root.children.end() || !it->second.children.empty()) return std::nullopt;
    std::optional<std::string> value = it->second.value;
    root.children.erase(it);
    return value;
  };
  auto action = take("Action");
  auto version = take("Version");
  if (!action || action->empty()) return wire_errors::missing_action();
  if (!model.operation(*action)) return wire_errors::invalid_action(*action);
  if (!version || version->empty()) return wire_errors::missing_version();
  request.action = std::move(*action);
  request.version = std::move(*version);
  return request;
}

}  // namespace

WireResult<ParsedRequest> parse_query_fields(const ServiceModel& model,
                                             const std::vector<FormField>& fields,
                                             const ParserLimits& limits) {
  if (fields.size() > limits.max_fields) return wire_errors::too_many_parameters();
  Node root;
  for (const auto& field : fields) {
    if (is_auth_parameter(field.name)) continue;
    if (auto error = insert(root, field, limits)) return *error;
  }
  auto request = envelope(model, root);
  if (!request.ok()) return request;
  const Operation* op = model.operation(request.value().action);
  if (op->input == kNoShape) {
    if (!root.children.empty()) {
      const auto& [name, node] = *root.children.begin();
      return wire_errors::unknown_parameter(first_name(name, &node));
    }
    return request;
  }
  auto input = Converter(model, limits).convert(root, op->input, "");
  if (!input.ok()) return input.error();
  request.value().input = std::move(input).value();
  return request;
}

WireResult<ParsedRequest> parse_query(const ServiceModel& model, std::string_view form,
                                      const ParserLimits& limits) {
  auto fields = decode_form(form, limits.max_fields);
  if (!fields.ok()) return fields.error();
  return parse_query_fields(model, fields.value(), limits);
}

}  // namespace amisim::protocol
