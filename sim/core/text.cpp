#include "sim/core/text.hpp"

#include <algorithm>

#include "sim/core/tags.hpp"
#include "sim/core/utf8.hpp"

namespace amisim::sim {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Whether every character of text is a letter, a digit or one of `others` (all ASCII).
bool only(std::string_view text, std::string_view others) {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return is_alnum(c) || others.find(c) != std::string_view::npos;
  });
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The character classes AWS documents, each once.
constexpr std::string_view kAmiNameOthers = "()[] ./-'@_";  // API ref CreateImage Name
constexpr std::string_view kTemplateNameOthers = "()./-_";  // API ref CreateLaunchTemplate
constexpr std::string_view kVpcGroupOthers = " ._-:/()#,@[]+=&;{}!$*";  // CreateSecurityGroup
constexpr std::string_view kTokenOthers = "!#$%&'*+-.^_`|~";            // RFC 9110 §5.6.2 tchar

constexpr std::size_t kMinAmiNameLength = 3;
constexpr std::size_t kMaxAmiNameLength = 128;
constexpr std::size_t kMinTemplateNameLength = 3;
constexpr std::size_t kMaxTemplateNameLength = 128;
constexpr std::size_t kMaxGroupTextLength = 255;
constexpr std::size_t kMaxKeyNameLength = 255;
constexpr std::size_t kMaxObjectKeyBytes = 1024;

}  // namespace

Status check_text(std::string_view parameter, std::string_view value) {
  if (!is_xml_text(value)) return errors::text_not_supported(parameter, value);
  return ok_status();
}

Status check_description(std::string_view parameter, std::string_view value) {
  if (!is_xml_text(value)) return errors::text_not_supported(parameter, value);
  if (character_count(value) > kMaxDescriptionLength)
    return errors::description_too_long(kMaxDescriptionLength);
  return ok_status();
}

Status check_ami_name(std::string_view name) {
  if (name.size() < kMinAmiNameLength || name.size() > kMaxAmiNameLength ||
      !only(name, kAmiNameOthers))
    return errors::image_name_malformed();
  return ok_status();
}

Status check_launch_template_name(std::string_view name) {
  if (name.size() < kMinTemplateNameLength || name.size() > kMaxTemplateNameLength ||
      !only(name, kTemplateNameOthers))
    return errors::launch_template_name_malformed();
  return ok_status();
}

Status check_version_description(std::string_view description) {
  if (!is_xml_text(description))
    return errors::text_not_supported("VersionDescription", description);
  if (character_count(description) > kMaxDescriptionLength)
    return errors::launch_template_description_too_long();
  return ok_status();
}

// AWS's order, as far as its messages show: ASCII first (a non-ASCII description is refused with
// the ASCII message even in a VPC, terraform-provider-aws#43854), then length, then the set.
Status check_group_name(std::string_view name) {
  if (!is_ascii(name)) return errors::group_name_not_ascii(name);
  if (name.size() > kMaxGroupTextLength) return errors::group_name_too_long(name);
  if (!only(name, kVpcGroupOthers)) return errors::group_name_invalid();
  if (name.rfind("sg-", 0) == 0) return errors::group_name_like_id(name);
  return ok_status();
}

Status check_group_description(std::string_view description) {
  if (!is_ascii(description)) return errors::group_description_not_ascii(description);
  if (description.size() > kMaxGroupTextLength)
    return errors::group_description_too_long(description);
  if (!only(description, kVpcGroupOthers)) return errors::group_description_invalid();
  return ok_status();
}

Status check_rule_description(std::string_view description) {
  if (description.size() > kMaxGroupTextLength || !only(description, kVpcGroupOthers))
    return errors::rule_description_invalid();
  return ok_status();
}

Status check_key_name(std::string_view name) {
  if (name.size() > kMaxKeyNameLength || !is_ascii(name)) return errors::key_name_invalid(name);
  if (!is_xml_text(name)) return errors::text_not_supported("KeyName", name);
  return ok_status();
}

Status check_public_key_text(std::string_view public_key) {
  if (!is_xml_text(public_key)) return errors::key_format_invalid();
  return ok_status();
}

Status check_tag_key(std::string_view key) {
  if (!is_xml_text(key)) return errors::text_not_supported("Tag.Key", key);
  const std::size_t length = character_count(key);
  if (length == 0 || length > kMaxTagKeyLength) return errors::tag_key_length(kMaxTagKeyLength);
  if (is_aws_reserved_key(key)) return errors::tag_key_reserved();
  return ok_status();
}

Status check_tag_value(std::string_view value) {
  if (!is_xml_text(value)) return errors::text_not_supported("Tag.Value", value);
  if (character_count(value) > kMaxTagValueLength)
    return errors::tag_value_too_long(kMaxTagValueLength);
  return ok_status();
}

Status check_client_token(std::string_view token, std::size_t max_length) {
  if (token.size() > max_length || !is_ascii(token) || !is_xml_text(token))
    return errors::client_token_invalid(token, static_cast<long>(max_length));
  return ok_status();
}

Status check_device_name(std::string_view device) {
  if (!is_xml_text(device)) return errors::device_name_invalid(device);
  return ok_status();
}

Status check_object_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxObjectKeyBytes) return errors::object_key_length();
  if (!is_xml_text(key)) return errors::object_key_not_supported();
  return ok_status();
}

Status check_object_metadata(std::string_view name, std::string_view value) {
  if (name.empty() || !only(name, kTokenOthers)) return errors::object_metadata_invalid(name);
  if (!is_xml_text(value)) return errors::object_metadata_invalid(name);
  return ok_status();
}

Status check_content_type(std::string_view content_type) {
  const bool printable = std::all_of(content_type.begin(), content_type.end(),
                                     [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\t'; });
  if (!printable) return errors::content_type_invalid();
  return ok_status();
}

}  // namespace amisim::sim
