// Errors of security group rules (errors.hpp). Texts quoted from real EC2 responses carry [obs]
// and where they were seen; [?] marks texts no source confirms.
#include <fmt/format.h>

#include "sim/core/errors.hpp"

namespace amisim::sim::errors {
namespace {

using C = ErrorCode;

}  // namespace

// [obs] e.g. 'the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW"
// already exists' (ansible/ansible#7832-era reports, ansible-modules-core#3258 for
// "protocol: 50", lucidsoftware/cumulus#101 for "ALL").
Error permission_duplicate(std::string_view rule_text) {
  return {C::kInvalidPermissionDuplicate,
          fmt::format("the specified rule \"{}\" already exists", rule_text)};
}
// [obs] "The same permission must not appear multiple times" (input-output-hk/bitte#24).
Error permission_repeated() {
  return {C::kInvalidParameterValue, "The same permission must not appear multiple times"};
}
// [obs] (cloud-custodian/cloud-custodian#6099).
Error permission_not_found() {
  return {C::kInvalidPermissionNotFound,
          "The specified rule does not exist in this security group."};
}
// [obs] (aws-samples/aws-cloudfront-samples#39, #53).
Error rules_per_group_limit_exceeded() {
  return {C::kRulesPerSecurityGroupLimitExceeded,
          "The maximum number of rules per security group has been reached."};
}
// [obs] "CIDR block 208.157.160.147 /32 is malformed" (smoketurner/serverless-vpc-plugin#318).
Error cidr_malformed(std::string_view cidr) {
  return {C::kInvalidParameterValue, fmt::format("CIDR block {} is malformed", cidr)};
}
// [obs] "Invalid value 'all' for IP protocol. Unknown protocol."
// (hashicorp/terraform-provider-aws#1793).
Error protocol_unknown(std::string_view protocol) {
  return {C::kInvalidParameterValue,
          fmt::format("Invalid value '{}' for IP protocol. Unknown protocol.", protocol)};
}
// [obs] (nanovms/ops#735).
Error protocol_missing() {
  return {C::kInvalidParameterValue,
          "Invalid value 'null' for protocol. VPC security group rules must specify protocols "
          "explicitly."};
}
// [obs] "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange." and
// the same with ICMP (chef-provisioning-aws#183, awsdocs/aws-cloudformation-user-guide#217).
Error ports_required(std::string_view protocol_kind) {
  return {C::kInvalidParameterValue,
          fmt::format("Invalid value 'Must specify both from and to ports with {}.' for portRange.",
                      protocol_kind)};
}
// [obs] "TCP/UDP port (-1) out of range" (boto/boto3#336).
Error port_out_of_range(long port) {
  return {C::kInvalidPermissionMalformed, fmt::format("TCP/UDP port ({}) out of range", port)};
}
// [?] no source quotes EC2's text for a start port above the end port.
Error port_range_reversed(long from_port, long to_port) {
  return {C::kInvalidPermissionMalformed,
          fmt::format("Invalid TCP/UDP port range ({} > {})", from_port, to_port)};
}
// [?] written as the code's text below.
Error icmp_type_out_of_range(long type) {
  return {C::kInvalidParameterValue, fmt::format("ICMP type ({}) out of range", type)};
}
// [obs] "ICMP code (65535) out of range" (terraform-aws-modules/terraform-aws-security-group#7).
Error icmp_code_out_of_range(long code) {
  return {C::kInvalidParameterValue, fmt::format("ICMP code ({}) out of range", code)};
}
// [obs] (boto/boto3#1078, crossplane-contrib/provider-aws#1496).
Error rule_source_missing() {
  return {C::kMissingParameter,
          "Missing source specification: include source security group or CIDR information"};
}
// [obs] SourceSecurityGroupOwnerId without a group (aws/aws-sdk-js#417).
Error source_group_id_missing() { return {C::kMissingParameter, "Source group ID missing."}; }
// [?] A SecurityGroupRuleRequest names one peer (API reference, SecurityGroupRuleRequest).
Error rule_peer_ambiguous() {
  return {C::kInvalidParameterCombination,
          "Specify only one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId"};
}
// [?] The API reference tells callers not to mix the old parameters with IpPermissions.
Error legacy_permission_with_ip_permissions(std::string_view parameter) {
  return {
      C::kInvalidParameterCombination,
      fmt::format("The parameter {} cannot be used with the parameter IpPermissions", parameter)};
}
// [?]
Error rule_ids_with_permissions() {
  return {C::kInvalidParameterCombination,
          "The parameter SecurityGroupRuleIds cannot be used with the parameter IpPermissions"};
}
// [obs] a pair naming a group of another VPC (boto/boto3#569, ansible/ansible#30053).
Error groups_in_different_networks() {
  return {C::kInvalidGroupNotFound,
          "You have specified two resources that belong to different networks."};
}
// [?] the pattern of the other Malformed IDs.
Error rule_id_malformed(std::string_view id) {
  return {C::kInvalidSecurityGroupRuleIdMalformed, fmt::format("Invalid id: \"{}\"", id)};
}
// [?] the pattern of InvalidGroup.NotFound.
Error rule_id_not_found(std::string_view id) {
  return {C::kInvalidSecurityGroupRuleIdNotFound,
          fmt::format("The security group rule ID '{}' does not exist", id)};
}
// [?] written as the group description's refusal; the set is the API reference's (IpRange
// Description).
Error rule_description_invalid() {
  return {C::kInvalidParameterValue,
          "Invalid rule description. Valid descriptions are strings less than 256 characters from "
          "the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*"};
}
// [?]
Error prefix_list_id_malformed(std::string_view id) {
  return {C::kInvalidPrefixListIdMalformed, fmt::format("Invalid id: \"{}\"", id)};
}

}  // namespace amisim::sim::errors
