// Cost Explorer's Filter (botocore ce shape Expression): exactly one root of And, Or, Not,
// Dimensions, Tags or CostCategories. amisim evaluates And, Or, Not and Dimensions over the
// dimensions of api/ce/dimensions.hpp; Tags and CostCategories are refused (amisim's bill has no
// cost allocation tags or cost categories).
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/ce/dimensions.hpp"
#include "api/protocol/wire_error.hpp"

namespace amisim::ce {

struct Expression {
  enum class Op { kAnd, kOr, kNot, kDimensions };
  Op op = Op::kDimensions;
  std::vector<Expression> operands;  // And, Or: one or more; Not: exactly one
  Dimension key = Dimension::kService;
  std::set<std::string> values;  // Dimensions: the line matches when its value is one of these
};

// Nesting deeper than this is refused [amisim bound].
inline constexpr int kMaxExpressionDepth = 10;

// Parses a Filter. ValidationException for a malformed expression, more than one root, an
// unknown or unsupported dimension, a MatchOption other than EQUALS / CASE_SENSITIVE, Tags or
// CostCategories.
protocol::WireResult<Expression> parse_expression(const nlohmann::json& json, int depth = 0);

// Whether the line passes the filter.
bool matches(const Expression& filter, const CeLine& line);

}  // namespace amisim::ce
