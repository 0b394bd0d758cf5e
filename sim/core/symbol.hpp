// An interned text, for the fixed vocabularies that records repeat many times: an AMI's
// architecture, platform, boot mode, hypervisor ... (sim/core/image_traits.hpp). It is one pointer
// to a string held for the life of the process in a table every World shares, so it takes 8 bytes
// where a std::string takes 32, and copying one (every launch copies its AMI's traits) copies a
// pointer. It reads, compares and orders as its text, never by address (addresses differ between
// runs, and nothing that reaches output may depend on them).
//
// Interning takes a lock (scenarios may run in several threads, --jobs); reading never does. Only
// bounded vocabularies belong here: every distinct text stays in the table until the process
// ends, so never intern free text a caller chooses (names, descriptions, tags).
#pragma once

#include <fmt/format.h>

#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace amisim::sim {

class Symbol {
 public:
  Symbol() : text_(&empty_text()) {}
  Symbol(std::string_view text);  // NOLINT: implicit, so a Symbol takes any text
  Symbol(const std::string& text) : Symbol(std::string_view(text)) {}  // NOLINT
  Symbol(const char* text) : Symbol(std::string_view(text)) {}         // NOLINT

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT: reads as its text
  operator std::string_view() const { return *text_; }    // NOLINT: reads as its text
  std::string_view view() const { return *text_; }

  bool empty() const { return text_->empty(); }
  std::size_t size() const { return text_->size(); }
  const char* c_str() const { return text_->c_str(); }
  const char* data() const { return text_->data(); }

  friend bool operator==(const Symbol& a, const Symbol& b) { return a.text_ == b.text_; }
  friend bool operator==(const Symbol& a, std::string_view b) { return *a.text_ == b; }
  friend bool operator==(const Symbol& a, const std::string& b) { return *a.text_ == b; }
  friend bool operator==(const Symbol& a, const char* b) { return *a.text_ == b; }
  friend std::strong_ordering operator<=>(const Symbol& a, const Symbol& b) {
    return a.text_ == b.text_ ? std::strong_ordering::equal : a.view() <=> b.view();
  }
  friend std::strong_ordering operator<=>(const Symbol& a, std::string_view b) {
    return a.view() <=> b;
  }
  friend std::strong_ordering operator<=>(const Symbol& a, const std::string& b) {
    return a.view() <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const Symbol& a, const char* b) {
    return a.view() <=> std::string_view(b);
  }
  friend std::string operator+(const Symbol& a, std::string_view b) {
    return a.str() + std::string(b);
  }
  friend std::string operator+(std::string_view a, const Symbol& b) {
    return std::string(a) + b.str();
  }
  friend std::ostream& operator<<(std::ostream& out, const Symbol& s) { return out << s.str(); }

 private:
  static const std::string& empty_text();
  const std::string* text_;
};

// nlohmann::json finds this by argument-dependent lookup (sim/ does not depend on nlohmann).
template <class Json>
void to_json(Json& json, const Symbol& symbol) {
  json = symbol.str();
}

}  // namespace amisim::sim

template <>
struct fmt::formatter<amisim::sim::Symbol> : fmt::formatter<std::string_view> {
  template <class Context>
  auto format(const amisim::sim::Symbol& s, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(s.view(), ctx);
  }
};
