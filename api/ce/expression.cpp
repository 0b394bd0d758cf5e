#include "api/ce/expression.hpp"

#include <fmt/format.h>

#include <array>

namespace amisim::ce {
namespace {

using Json = nlohmann::json;
using protocol::WireResult;
namespace wire_errors = protocol::wire_errors;

constexpr std::array<const char*, 6> kRoots = {"And",        "Or",   "Not",
                                               "Dimensions", "Tags", "CostCategories"};

WireResult<Expression> parse_dimensions(const Json& d) {
  if (!d.is_object()) return wire_errors::ce_dimensions_not_object();
  auto key = d.find("Key");
  if (key == d.end() || !key->is_string()) return wire_errors::ce_dimensions_without_key();
  const std::string name = key->get<std::string>();
  auto dimension = parse_dimension(name);
  if (!dimension) {
    if (is_aws_dimension(name))
      return wire_errors::ce_filter_by_unsupported(name, supported_dimensions());
    return wire_errors::ce_dimension_invalid(name);
  }
  // "Valid values for MatchOptions for Dimensions are EQUALS and CASE_SENSITIVE" (botocore ce,
  // GetCostAndUsageRequest.Filter); both mean an exact match.
  if (auto options = d.find("MatchOptions"); options != d.end()) {
    if (!options->is_array()) return wire_errors::ce_match_options_not_list();
    for (const Json& o : *options) {
      if (!o.is_string() || (o != "EQUALS" && o != "CASE_SENSITIVE"))
        return wire_errors::ce_match_option_unsupported(o.is_string() ? o.get<std::string>()
                                                                      : o.dump());
    }
  }
  Expression out;
  out.op = Expression::Op::kDimensions;
  out.key = *dimension;
  auto values = d.find("Values");
  if (values != d.end()) {
    if (!values->is_array()) return wire_errors::ce_values_not_list();
    for (const Json& v : *values) {
      if (!v.is_string()) return wire_errors::ce_values_not_strings();
      out.values.insert(v.get<std::string>());
    }
  }
  return out;
}

WireResult<Expression> parse_list(const Json& list, Expression::Op op, int depth) {
  if (!list.is_array() || list.empty()) return wire_errors::ce_and_or_empty();
  Expression out;
  out.op = op;
  for (const Json& e : list) {
    auto operand = parse_expression(e, depth + 1);
    if (!operand.ok()) return operand.error();
    out.operands.push_back(std::move(operand.value()));
  }
  return out;
}

}  // namespace

WireResult<Expression> parse_expression(const Json& json, int depth) {
  if (depth > kMaxExpressionDepth) return wire_errors::ce_filter_too_deep(kMaxExpressionDepth);
  if (!json.is_object()) return wire_errors::ce_expression_not_object();
  const char* root = nullptr;
  for (const char* name : kRoots) {
    if (!json.contains(name)) continue;
    if (root != nullptr) return wire_errors::ce_two_roots();
    root = name;
  }
  if (root == nullptr) return wire_errors::ce_no_root();
  const std::string_view r = root;
  if (r == "Tags" || r == "CostCategories") return wire_errors::ce_filter_by_tags(r);
  if (r == "Dimensions") return parse_dimensions(json.at(root));
  if (r == "Not") {
    auto operand = parse_expression(json.at(root), depth + 1);
    if (!operand.ok()) return operand.error();
    Expression out;
    out.op = Expression::Op::kNot;
    out.operands.push_back(std::move(operand.value()));
    return out;
  }
  return parse_list(json.at(root), r == "And" ? Expression::Op::kAnd : Expression::Op::kOr, depth);
}

bool matches(const Expression& filter, const CeLine& line) {
  switch (filter.op) {
    case Expression::Op::kDimensions:
      return filter.values.count(std::string(value_of(line, filter.key))) != 0;
    case Expression::Op::kNot:
      return !matches(filter.operands.front(), line);
    case Expression::Op::kAnd:
      for (const Expression& e : filter.operands)
        if (!matches(e, line)) return false;
      return true;
    case Expression::Op::kOr:
      for (const Expression& e : filter.operands)
        if (matches(e, line)) return true;
      return false;
  }
  return false;
}

}  // namespace amisim::ce
