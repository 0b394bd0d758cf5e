// Instance metadata options (IMDS): the options a launch gives an instance,
// ModifyInstanceMetadataOptions, and the account-level defaults
// (Get/ModifyInstanceMetadataDefaults), with IMDSv2 enforcement. Sources: API reference
// InstanceMetadataOptionsRequest, ModifyInstanceMetadataOptions, ModifyInstanceMetadataDefaults; UG
// "Configure instance metadata options for new instances" (awsdocs/amazon-ec2-user-guide) and
// "Troubleshoot Amazon EC2 instance launch issues" (the enforcement error).
//
// Order of precedence at launch, per option: the launch's own value (RunInstances over its launch
// template, sim/instances/launch_templates.hpp), then the account's default in the Region, then
// the AMI (ImdsSupport v2.0: HttpTokens required and a hop limit of 2), then EC2's defaults
// (optional, 1, enabled, disabled, disabled). The account's default outranks the AMI (API
// reference: "If the value of ImdsSupport ... is v2.0, but the account level default is set to V1
// or V2, the default is optional").
#pragma once

#include <string>
#include <string_view>

#include "sim/state/world.hpp"

namespace amisim::sim {

// "pending" until the options are applied: a new instance's when it first runs, a stopped
// instance's changed options when it next runs; "applied" otherwise. A change to a running
// instance answers "pending" and is applied at once [?: AWS applies it "after the parameter
// modifications are successfully applied", in an unstated time; immediately here, so a waiter for
// "applied" (Terraform's) sees it on its next describe].
std::string_view metadata_options_state(const Instance& instance);

// InvalidParameterValue for a text outside its values ([?] text: the common "Value (x) for
// parameter y is invalid" form) or a hop limit outside 1-64.
Status check_metadata_request(const MetadataOptionsRequest& request);

// The options an instance launched with `given` gets (precedence above).
InstanceMetadataOptions launch_metadata_options(const MetadataOptionsRequest& given,
                                                const InstanceMetadataDefaults& account,
                                                std::string_view image_imds_support);

// IMDSv2 enforcement (account HttpTokensEnforced enabled): a launch or a change leaving HttpTokens
// optional is UnsupportedOperation with AWS's text (UG troubleshooting, "Launching an
// IMDSv1-enabled instance fails").
Status check_tokens_enforced(const InstanceMetadataOptions& options,
                             const InstanceMetadataDefaults& account);

// The caller's defaults in its Region (none set for a new account).
const InstanceMetadataDefaults& instance_metadata_defaults(const World& world,
                                                           const Caller& caller);

// ModifyInstanceMetadataOptions: changes the members given, on a pending, running, stopping or
// stopped instance (IncorrectInstanceState for shutting-down or terminated [?]). Errors:
// InvalidInstanceID.Malformed/.NotFound, InvalidParameterValue, InvalidParameterCombination when
// no option is given [?], the enforcement error, DryRunOperation.
Result<const Instance*> modify_instance_metadata_options(World& world, const Caller& caller,
                                                         const std::string& instance_id,
                                                         const MetadataOptionsRequest& request,
                                                         bool dry_run);

// ModifyInstanceMetadataDefaults: members given are set; "no-preference" (and a hop limit of -1)
// clears one. Values: HttpTokens optional | required, HttpEndpoint and InstanceMetadataTags
// enabled | disabled, HttpTokensEnforced enabled | disabled, hop limit 1-64; else
// InvalidParameterValue. Existing instances are not changed (UG: "Setting the account-level default
// does not reset existing instances").
Status modify_instance_metadata_defaults(World& world, const Caller& caller,
                                         const InstanceMetadataDefaults& change, bool dry_run);

// MonitorInstances / UnmonitorInstances: detailed monitoring on or off for each instance (all or
// nothing: InvalidInstanceID.Malformed/.NotFound). The reply's state is "pending" / "disabling",
// a describe after it "enabled" / "disabled" [?: the change's duration is not stated].
Result<std::vector<const Instance*>> set_detailed_monitoring(World& world, const Caller& caller,
                                                             const std::vector<std::string>& ids,
                                                             bool enabled, bool dry_run);

}  // namespace amisim::sim
