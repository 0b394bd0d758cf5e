// Named constructors (errors.hpp) of the guardrails clean-up jobs meet: the Recycle Bin, snapshot
// locks, block public access, image references and lineage. Included by errors.hpp, which callers
// include; kept apart to keep that header readable.
#pragma once

#include <string_view>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {

// --- image references, lineage, block public access for AMIs (errors_images.cpp) -------------
// DescribeImageReferences (sim/images/usage.hpp): more ImageIds than `maximum`, neither
// IncludeAllResourceTypes nor ResourceTypes, an unknown ResourceType, an option the type does not
// take, an option value outside `valid` (InvalidParameterValue, MissingParameter; texts [?]).
Error image_references_too_many_ids(long count, long maximum);
Error image_references_no_resource_types();
Error image_reference_type_invalid(std::string_view type);
Error image_reference_option_invalid(std::string_view type, std::string_view option);
Error image_reference_option_value_invalid(std::string_view option, std::string_view value,
                                           std::string_view valid);
// EnableImageBlockPublicAccess with a state other than block-new-sharing (InvalidParameterValue).
Error image_block_public_access_state_invalid(std::string_view state);
// Making an image public while block public access for AMIs is in effect (OperationNotPermitted).
Error public_image_sharing_blocked();

// --- issue 17: the Recycle Bin (errors_rbin.cpp) ----------------------------------------------
Error rbin_field_invalid(std::string_view field, std::string_view reason);
Error rbin_rule_not_found(std::string_view id);
Error rbin_arn_invalid(std::string_view arn);
Error rbin_rule_locked(std::string_view id, std::string_view lock_state);
Error rbin_lock_refused(std::string_view id, std::string_view why);
Error rbin_unlock_refused(std::string_view id);
Error rbin_rule_quota(long limit);
Error rbin_tag_quota(long limit);
Error rbin_next_token_invalid();
Error bin_image_snapshot_missing(std::string_view image_id, std::string_view snapshot_id);
// --- issue 17: snapshot lock and block public access (errors_ebs.cpp; docs/aws-facts.md §L, §B)
Error snapshot_locked(std::string_view snapshot_id, std::string_view lock_state);
Error lock_mode_invalid(std::string_view mode);
Error lock_duration_invalid(long days, long max_days);
Error cool_off_period_invalid(long hours, long max_hours);
Error cool_off_with_governance();
Error lock_duration_or_expiration_date();
Error lock_expiration_date_invalid(std::string_view date, std::string_view reason);
Error snapshot_not_lockable(std::string_view snapshot_id, std::string_view state);
Error snapshot_not_locked(std::string_view snapshot_id);
Error compliance_lock_not_unlockable(std::string_view snapshot_id);
Error compliance_lock_change_refused(std::string_view snapshot_id, std::string_view reason);
Error snapshot_block_public_access_state_invalid(std::string_view state);
Error snapshot_public_sharing_blocked(std::string_view snapshot_id, std::string_view state);

// --- issue 18: Data Lifecycle Manager (errors_dlm.cpp; docs/aws-facts.md §D) -----------------
// InvalidRequestException (400) with the text given: the door's shape checks and the model's rules
// between fields both use it.
Error dlm_invalid_request(std::string_view message);
Error dlm_policy_not_found(std::string_view ids);  // ResourceNotFoundException; ids comma-joined
Error dlm_arn_invalid(std::string_view arn);
Error dlm_policy_quota(long limit);  // LimitExceededException
Error dlm_tag_quota(long limit);     // LimitExceededException [?] (AWS's code for this is unknown)

}  // namespace amisim::sim::errors
