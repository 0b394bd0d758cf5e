// KMS keys for EBS encryption, as far as copies need them. amisim has no KMS API: the only key an
// account has in a Region is its AWS managed default key for EBS, alias "alias/aws/ebs", which
// AWS creates per account per Region (EBS user guide, "Amazon EBS encryption"; fact sheet §4:
// "key must exist in destination"). Its key ID is derived from (account, Region), so it needs no
// stored state and never draws from the ID allocator.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/core/ids.hpp"

namespace amisim::sim {

// The alias AWS gives the default EBS key.
inline constexpr std::string_view kDefaultEbsKeyAlias = "alias/aws/ebs";

// "arn:aws:kms:<region>:<account>:key/<uuid>" of the account's default EBS key in the Region.
std::string default_ebs_key_arn(const RegionName& region, const AccountId& account);

// The key ARN `key` names for `account` in `region`, or nullopt when no such key exists there.
// Accepted forms (EC2 API reference, CopySnapshot/CopyImage KmsKeyId): key ID, key ARN, alias
// name, alias ARN. A key of another Region or account is not found (keys are Regional).
std::optional<std::string> resolve_kms_key(const RegionName& region, const AccountId& account,
                                           std::string_view key);

}  // namespace amisim::sim
