#include "sim/core/symbol.hpp"

#include <mutex>
#include <unordered_set>

#include "sim/core/hash.hpp"

namespace amisim::sim {
namespace {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return static_cast<std::size_t>(fnv1a(text));
  }
};

// Node-based, so a text's address never changes once it is in.
struct Table {
  std::mutex lock;
  std::unordered_set<std::string, TextHash, std::equal_to<>> texts;
};

Table& table() {
  static Table* t = new Table();  // never destroyed: Symbols may outlive static destruction
  return *t;
}

}  // namespace

const std::string& Symbol::empty_text() {
  static const std::string* empty = new std::string();
  return *empty;
}

Symbol::Symbol(std::string_view text) {
  if (text.empty()) {
    text_ = &empty_text();
    return;
  }
  Table& t = table();
  std::lock_guard<std::mutex> hold(t.lock);
  auto it = t.texts.find(text);
  if (it == t.texts.end()) it = t.texts.emplace(text).first;
  text_ = &*it;
}

}  // namespace amisim::sim
