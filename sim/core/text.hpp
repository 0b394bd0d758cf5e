// User text: what a name, a description, a tag or a token may hold, in one place.
//
// Every string a caller names or describes something with is checked here before the model keeps
// it, with the rule AWS documents for that field and AWS's error for breaking it; a refused call
// changes nothing. Beneath each field's own rule lies one the model adds: it keeps only text its
// replies can carry exactly, well-formed UTF-8 made of XML 1.0 characters (sim/core/utf8.hpp).
// EC2 answers in XML, so text outside that set could never come back from it either; where AWS
// documents no narrower set (descriptions, tag keys and values: "EC2 allows for any character in
// its tags", EC2 user guide, Tag restrictions) the rest is refused [?]. Tab, line feed and carriage
// return are XML characters: kept and written back exactly. Nothing is ever rewritten: a value is
// kept as given or refused.
//
// Lengths count characters, not bytes, as AWS counts them.
#pragma once

#include <cstddef>
#include <string_view>

#include "sim/core/result.hpp"

namespace amisim::sim {

inline constexpr std::size_t kMaxDescriptionLength = 255;     // AMIs, snapshots (model, API ref)
inline constexpr std::size_t kMaxTagKeyLength = 128;          // EC2 user guide, Tag restrictions
inline constexpr std::size_t kMaxTagValueLength = 256;        // likewise
inline constexpr std::size_t kMaxClientTokenLength = 64;      // EC2 API ref, "Ensure idempotency"
inline constexpr std::size_t kMaxCopyImageTokenLength = 128;  // model CopyImageClientToken

// Any other text the model keeps as given (device names, import descriptions, URLs, role names,
// what a launch template holds): XML text [?]. InvalidParameterValue naming `parameter`.
Status check_text(std::string_view parameter, std::string_view value);

// An AMI's, a snapshot's or an export's description: XML text of at most 255 characters (model
// ImageDescriptionRequest; API reference, CreateSnapshot and ExportImage). InvalidParameterValue.
Status check_description(std::string_view parameter, std::string_view value);

// AMI names: 3-128 characters of letters, digits and ( ) [ ] space . / - ' @ _ (API reference,
// CreateImage Name; fact sheet §3.3). InvalidAMIName.Malformed.
Status check_ami_name(std::string_view name);

// Launch template names: 3-128 of letters, digits and ( ) . / - _ (API reference,
// CreateLaunchTemplate LaunchTemplateName). InvalidLaunchTemplateName.MalformedException.
Status check_launch_template_name(std::string_view name);
// VersionDescription: XML text of at most 255 characters (model). InvalidParameterValue.
Status check_version_description(std::string_view description);

// Security group names and descriptions in a VPC (every group amisim has is in one): up to 255
// ASCII characters of a-z A-Z 0-9, space and ._-:/()#,@[]+=&;{}!$* (API reference,
// CreateSecurityGroup); a name may not start "sg-". InvalidParameterValue, with AWS's words for
// each breach. A missing name or description is the caller's to report first.
Status check_group_name(std::string_view name);
Status check_group_description(std::string_view description);
// A rule's description (IpRange, Ipv6Range, PrefixListId, UserIdGroupPair and
// SecurityGroupRuleRequest Description): up to 255 characters of the same set (API reference,
// IpRange Description). InvalidParameterValue.
Status check_rule_description(std::string_view description);

// Key pair names: up to 255 ASCII characters (API reference, CreateKeyPair KeyName), and of
// those only what XML can carry [?]. InvalidParameterValue. An empty name is the caller's.
Status check_key_name(std::string_view name);

// An imported OpenSSH public key comes back as it came (DescribeKeyPairs IncludePublicKey), its
// comment included: XML text. InvalidKey.Format otherwise.
Status check_public_key_text(std::string_view public_key);

// Tag keys: 1-128 characters, not starting "aws:"; values: at most 256 characters; both XML
// text (EC2 allows any character). InvalidParameterValue.
Status check_tag_key(std::string_view key);
Status check_tag_value(std::string_view value);

// Idempotency tokens: at most max_length ASCII characters XML can carry. InvalidParameterValue.
Status check_client_token(std::string_view token, std::size_t max_length = kMaxClientTokenLength);

// AttachVolume's Device: XML text (EC2's device naming rules beyond that are not modelled).
// InvalidParameterValue "... is not a valid EBS device name".
Status check_device_name(std::string_view device);

// S3 object keys: 1-1,024 bytes of UTF-8 (S3 user guide, "Naming Amazon S3 objects"); amisim
// refuses the characters XML 1.0 cannot carry, which S3 stores but cannot list without
// encoding-type=url [?]. InvalidArgument.
Status check_object_key(std::string_view key);

// Object metadata and Content-Type travel back in HTTP headers: a metadata name is an HTTP token
// (RFC 9110 §5.6.2), its value XML text (values beyond printable ASCII go back RFC 2047-encoded,
// as S3 sends them, api/s3); a content type is printable ASCII. InvalidArgument [?].
Status check_object_metadata(std::string_view name, std::string_view value);
Status check_content_type(std::string_view content_type);

}  // namespace amisim::sim
