#include "api/protocol/query_writer.hpp"

#include <optional>

#include "api/protocol/form_encoding.hpp"
#include "api/protocol/scalars.hpp"

namespace amisim::protocol {
namespace {

using nlohmann::json;

// JSON text for an error message; never throws on invalid UTF-8 inside strings.
std::string shown(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

class Writer {
 public:
  explicit Writer(const ServiceModel& model) : model_(model) {}

  std::optional<WireError> value(const json& v, std::size_t shape_index, const std::string& name) {
    const Shape& shape = model_.shape(shape_index);
    switch (shape.type) {
      case ShapeType::kStructure:
        return structure(v, shape, name);
      case ShapeType::kList:
        return list(v, shape, name);
      case ShapeType::kMap:
        return wire_errors::unknown_parameter(name);  // none in EC2's model
      default:
        return scalar(v, shape, name);
    }
  }

  std::optional<WireError> structure(const json& v, const Shape& shape, const std::string& prefix) {
    if (!v.is_object()) return wire_errors::expecting_structure(prefix, shown(v));
    for (const auto& [key, item] : v.items()) {
      if (!shape.member(key))
        return wire_errors::unknown_parameter(prefix.empty() ? key : prefix + "." + key);
    }
    for (const auto& member : shape.members) {
      auto it = v.find(member.name);
      if (it == v.end()) continue;
      std::string name =
          prefix.empty() ? member.query_wire_name() : prefix + "." + member.query_wire_name();
      if (auto error = value(*it, member.shape, name)) return error;
    }
    return std::nullopt;
  }

  std::optional<WireError> list(const json& v, const Shape& shape, const std::string& prefix) {
    if (!v.is_array()) return wire_errors::expecting_list(prefix, shown(v));
    std::size_t n = 0;
    for (const auto& item : v) {
      if (auto error = value(item, shape.item.shape, prefix + "." + std::to_string(++n)))
        return error;
    }
    return std::nullopt;
  }

  std::optional<WireError> scalar(const json& v, const Shape& shape, const std::string& name) {
    auto text = scalar_to_text(shape.type, v);
    if (!text) return wire_errors::json_wrong_type(name, shown(v));
    add(name, *text);
    return std::nullopt;
  }

  void add(std::string_view name, std::string_view text) {
    if (!body_.empty()) body_.push_back('&');
    body_ += percent_encode(name);
    body_.push_back('=');
    body_ += percent_encode(text);
  }

  std::string& body() { return body_; }

 private:
  const ServiceModel& model_;
  std::string body_;
};

}  // namespace

WireResult<std::string> write_query(const ServiceModel& model, std::string_view action,
                                    const nlohmann::json& input) {
  const Operation* op = model.operation(action);
  if (!op) return wire_errors::invalid_action(action);
  Writer writer(model);
  writer.add("Action", action);
  writer.add("Version", model.api_version());
  if (op->input != kNoShape) {
    if (auto error = writer.structure(input, model.shape(op->input), "")) return *error;
  } else if (!input.is_null() && !input.empty()) {
    return wire_errors::unknown_parameter(input.is_object() ? input.begin().key() : shown(input));
  }
  return std::move(writer.body());
}

}  // namespace amisim::protocol
