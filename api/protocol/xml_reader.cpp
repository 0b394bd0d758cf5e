#include "api/protocol/xml_reader.hpp"

#include <optional>

#include "api/protocol/scalars.hpp"

namespace amisim::protocol {
namespace {

using nlohmann::json;

class JsonBuilder {
 public:
  explicit JsonBuilder(const ServiceModel& model) : model_(model) {}

  std::optional<WireError> value(const XmlElement& e, std::size_t shape_index, json& out) {
    const Shape& shape = model_.shape(shape_index);
    switch (shape.type) {
      case ShapeType::kStructure:
        return structure(e, shape, out);
      case ShapeType::kList:
        return list(e, shape, out);
      case ShapeType::kMap:
        out = json::object();
        return std::nullopt;  // none in EC2's model
      default:
        return scalar(e, shape, out);
    }
  }

  std::optional<WireError> structure(const XmlElement& e, const Shape& shape, json& out) {
    out = json::object();
    for (const auto& child : e.children) {
      const Member* member = shape.member_by_xml_name(child.name);
      if (!member) continue;
      const Shape& inner = model_.shape(member->shape);
      bool flattened = inner.type == ShapeType::kList && (member->flattened || inner.flattened);
      if (flattened) {
        json& list = out[member->name];
        if (!list.is_array()) list = json::array();
        json item;
        if (auto error = value(child, inner.item.shape, item)) return error;
        list.push_back(std::move(item));
      } else if (auto error = value(child, member->shape, out[member->name])) {
        return error;
      }
    }
    return std::nullopt;
  }

  std::optional<WireError> list(const XmlElement& e, const Shape& shape, json& out) {
    out = json::array();
    for (const auto& child : e.children) {
      json item;
      if (auto error = value(child, shape.item.shape, item)) return error;
      out.push_back(std::move(item));
    }
    return std::nullopt;
  }

  std::optional<WireError> scalar(const XmlElement& e, const Shape& shape, json& out) {
    std::string reason;
    auto v = scalar_from_text(shape.type, e.text, &reason);
    if (!v) return wire_errors::bad_element(e.name, reason);
    out = std::move(*v);
    return std::nullopt;
  }

 private:
  const ServiceModel& model_;
};

std::string child_text(const XmlElement& e, std::string_view name) {
  const XmlElement* c = e.child(name);
  return c ? c->text : std::string();
}

WireResult<Reply> error_reply(const XmlElement& root, int http_status) {
  const XmlElement* errors = root.child("Errors");
  const XmlElement* error = errors ? errors->child("Error") : nullptr;
  if (!error) return wire_errors::response_without_error();
  return WireError{child_text(*error, "Code"), child_text(*error, "Message"), http_status};
}

}  // namespace

WireResult<Reply> read_reply(const ServiceModel& model, std::string_view action,
                             std::string_view xml, int http_status, const XmlLimits& limits) {
  const Operation* op = model.operation(action);
  if (!op) return wire_errors::action_not_in_model();
  auto doc = parse_xml(xml, limits);
  if (!doc.ok()) return doc.error();
  const XmlElement& root = doc.value();
  if (root.name == "Response") return error_reply(root, http_status);
  if (root.name != std::string(action) + "Response") return wire_errors::unexpected_root(root.name);
  Reply reply;
  reply.request_id = child_text(root, "requestId");
  if (op->output == kNoShape) return reply;
  if (auto error = JsonBuilder(model).structure(root, model.shape(op->output), reply.output))
    return *error;
  return reply;
}

}  // namespace amisim::protocol
