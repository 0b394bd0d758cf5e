#include "sim/core/query.hpp"

#include <fmt/format.h>

namespace amisim::sim {
namespace {

// Pattern elements after unescaping.
struct Piece {
  char c;
  bool wild;  // true for '*' or '?'
};

std::vector<Piece> parse_pattern(std::string_view pattern) {
  std::vector<Piece> out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out.push_back({pattern[++i], false});
    } else {
      out.push_back({c, c == '*' || c == '?'});
    }
  }
  return out;
}

bool has_wildcard(std::string_view pattern) {
  return pattern.find_first_of("*?\\") != std::string_view::npos;
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text) {
  if (!has_wildcard(pattern)) return pattern == text;
  const std::vector<Piece> p = parse_pattern(pattern);
  // reach[j]: the first i pattern pieces can match the first j characters of text.
  std::vector<char> reach(text.size() + 1, 0), next(text.size() + 1, 0);
  reach[0] = 1;
  for (const Piece& piece : p) {
    std::fill(next.begin(), next.end(), 0);
    for (std::size_t j = 0; j <= text.size(); ++j) {
      if (!reach[j]) continue;
      if (piece.wild && piece.c == '*') {
        for (std::size_t k = j; k <= text.size(); ++k) next[k] = 1;
        break;
      }
      if (piece.wild) next[j] = 1;  // '?' may match nothing
      if (j < text.size() && (piece.wild || text[j] == piece.c)) next[j + 1] = 1;
    }
    reach.swap(next);
  }
  return reach[text.size()] != 0;
}

bool any_match(const std::vector<std::string>& patterns, std::string_view value) {
  for (const auto& p : patterns) {
    if (wildcard_match(p, value)) return true;
  }
  return false;
}

bool any_match(const std::vector<std::string>& patterns, const std::vector<std::string>& values) {
  for (const auto& v : values) {
    if (any_match(patterns, v)) return true;
  }
  return false;
}

std::string literal_prefix(std::string_view pattern, bool* fully_literal) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out.push_back(pattern[++i]);
    } else if (c == '*' || c == '?') {
      if (fully_literal) *fully_literal = false;
      return out;
    } else {
      out.push_back(c);
    }
  }
  if (fully_literal) *fully_literal = true;
  return out;
}

Status check_filters(const std::vector<Filter>& filters) {
  std::size_t values = 0;
  for (const auto& f : filters) values += f.values.size();
  if (values > kMaxFilterValues) return errors::filter_limit_exceeded(kMaxFilterValues);
  return ok_status();
}

namespace {

Error max_results_out_of_range(long value, const PageRule& rule) {
  switch (rule.wording) {
    case RangeWording::kAllowedBetween:
      return errors::max_results_allowed_between(rule.min_results, rule.max_results);
    case RangeWording::kValueBetween:
      return errors::max_results_not_between(value, rule.min_results, rule.max_results);
    case RangeWording::kValueGreaterThan:
      break;
  }
  return value < rule.min_results ? errors::max_results_too_small(value, rule.min_results)
                                  : errors::max_results_too_large(value, rule.max_results);
}

}  // namespace

Status check_page_request(const PageRequest& page, const PageRule& rule, bool ids_given) {
  if (!page.max_results) return ok_status();
  if (ids_given && !rule.ids_set.empty()) return errors::max_results_with_ids(rule.ids_set);
  const long value = *page.max_results;
  if (value < rule.min_results || (value > rule.max_results && rule.above == AboveMaximum::kRefuse))
    return max_results_out_of_range(value, rule);
  return ok_status();
}

// Tokens are the hex of "after:<key>": opaque, deterministic, and checkable.
std::string make_page_token(std::string_view last_key) {
  std::string out;
  out.reserve(12 + last_key.size() * 2);
  for (char c : std::string("after:") + std::string(last_key))
    out += fmt::format("{:02x}", static_cast<unsigned char>(c));
  return out;
}

Result<std::string> read_page_token(std::string_view token) {
  if (token.size() % 2 != 0) return errors::invalid_pagination_token(token);
  std::string decoded;
  for (std::size_t i = 0; i < token.size(); i += 2) {
    unsigned value = 0;
    for (std::size_t k = i; k < i + 2; ++k) {
      const char c = token[k];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<unsigned>(c - 'a' + 10);
      else
        return errors::invalid_pagination_token(token);
    }
    decoded.push_back(static_cast<char>(value));
  }
  if (decoded.rfind("after:", 0) != 0) return errors::invalid_pagination_token(token);
  return decoded.substr(6);
}

}  // namespace amisim::sim
