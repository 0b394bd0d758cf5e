// Instance metadata service (IMDS) options: what an instance has, what a launch or a modification
// asks for, and the account's defaults in one Region (the rules:
// sim/instances/metadata_options.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/time.hpp"

namespace amisim::sim {

// An instance's MetadataOptions (InstanceMetadataOptionsResponse). The defaults are EC2's own
// (API reference InstanceMetadataOptionsRequest: HttpEndpoint enabled, HttpProtocolIpv6 and
// InstanceMetadataTags disabled; HttpTokens optional and a hop limit of 1 unless the AMI or the
// account says otherwise).
struct InstanceMetadataOptions {
  bool tokens_required = false;  // HttpTokens required | optional
  std::uint8_t hop_limit = 1;    // HttpPutResponseHopLimit, 1-64
  bool endpoint_enabled = true;  // HttpEndpoint
  bool ipv6_endpoint = false;    // HttpProtocolIpv6
  bool tags_enabled = false;     // InstanceMetadataTags
  // Set when the options changed while the instance was not running: they are applied, and
  // State shows "applied", once it runs again (API reference ModifyInstanceMetadataOptions: "When
  // you modify the parameters on a stopped instance, they are applied when the instance is
  // started").
  std::optional<TimeMs> changed_while_stopped;

  friend bool operator==(const InstanceMetadataOptions&, const InstanceMetadataOptions&) = default;
};

// The members of a RunInstances or launch template MetadataOptions, or of
// ModifyInstanceMetadataOptions, as given: unset = not given. Texts are checked by
// check_metadata_request (sim/instances/metadata_options.hpp).
struct MetadataOptionsRequest {
  std::optional<std::string> http_tokens;  // optional | required
  std::optional<std::int64_t> hop_limit;   // 1-64
  std::optional<std::string> http_endpoint;
  std::optional<std::string> http_protocol_ipv6;
  std::optional<std::string> instance_metadata_tags;

  bool empty() const {
    return !http_tokens && !hop_limit && !http_endpoint && !http_protocol_ipv6 &&
           !instance_metadata_tags;
  }
  friend bool operator==(const MetadataOptionsRequest&, const MetadataOptionsRequest&) = default;
};

// The account-level defaults of one account in one Region (GetInstanceMetadataDefaults
// AccountLevel): unset = "no-preference". New accounts have none set.
struct InstanceMetadataDefaults {
  std::optional<std::string> http_tokens;  // optional | required
  std::optional<std::int64_t> hop_limit;   // 1-64
  std::optional<std::string> http_endpoint;
  std::optional<std::string> instance_metadata_tags;
  std::optional<std::string> http_tokens_enforced;  // enabled | disabled

  bool empty() const {
    return !http_tokens && !hop_limit && !http_endpoint && !instance_metadata_tags &&
           !http_tokens_enforced;
  }
  friend bool operator==(const InstanceMetadataDefaults&,
                         const InstanceMetadataDefaults&) = default;
};

}  // namespace amisim::sim
