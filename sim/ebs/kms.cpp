#include "sim/ebs/kms.hpp"

#include <fmt/format.h>

#include <cstdint>

#include "sim/core/hash.hpp"

namespace amisim::sim {
namespace {

// A UUID-shaped key ID, a pure function of (account, Region): the same in every world.
std::string default_key_id(const RegionName& region, const AccountId& account) {
  const std::string seed = "aws/ebs:" + account.str() + ":" + region.str();
  const std::uint64_t a = fnv1a(seed);
  const std::uint64_t b = fnv1a(seed, a);
  return fmt::format("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", a >> 32, (a >> 16) & 0xffff,
                     a & 0xfff, (b >> 48) & 0xfff, b & 0xffffffffffffULL);
}

std::string arn_prefix(const RegionName& region, const AccountId& account) {
  return fmt::format("arn:aws:kms:{}:{}:", region.str(), account.str());
}

}  // namespace

std::string default_ebs_key_arn(const RegionName& region, const AccountId& account) {
  return arn_prefix(region, account) + "key/" + default_key_id(region, account);
}

std::optional<std::string> resolve_kms_key(const RegionName& region, const AccountId& account,
                                           std::string_view key) {
  const std::string id = default_key_id(region, account);
  const std::string prefix = arn_prefix(region, account);
  if (key == id || key == prefix + "key/" + id || key == kDefaultEbsKeyAlias ||
      key == prefix + std::string(kDefaultEbsKeyAlias))
    return default_ebs_key_arn(region, account);
  return std::nullopt;
}

}  // namespace amisim::sim
