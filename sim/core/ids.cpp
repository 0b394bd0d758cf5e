#include "sim/core/ids.hpp"

namespace amisim::sim {

bool is_well_formed_id(std::string_view prefix, std::string_view text) {
  if (text.size() <= prefix.size() + 1 || text.substr(0, prefix.size()) != prefix ||
      text[prefix.size()] != '-')
    return false;
  const std::string_view hex = text.substr(prefix.size() + 1);
  if (hex.size() != 8 && hex.size() != 17) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_account_id(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace amisim::sim
