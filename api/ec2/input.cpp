#include "api/ec2/input.hpp"

#include <limits>
#include <string>

#include "sim/core/base64.hpp"

namespace amisim::ec2 {
namespace {

using Expected = protocol::wire_errors::Expected;

[[noreturn]] void wrong_type(std::string_view key, const Json& value, Expected expected) {
  std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
  if (shown.size() > 64) shown = shown.substr(0, 64) + "...";
  fail(protocol::wire_errors::wrong_type(key, shown, expected));
}

std::string as_string(std::string_view key, const Json& value) {
  if (!value.is_string()) wrong_type(key, value, Expected::kString);
  return value.get<std::string>();
}

}  // namespace

const Json* member(const Json& input, std::string_view key) {
  if (!input.is_object()) return nullptr;
  auto it = input.find(key);
  if (it == input.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> opt_string_as_sent(const Json& input, std::string_view key) {
  const Json* v = member(input, key);
  if (v == nullptr) return std::nullopt;
  return as_string(key, *v);
}

std::optional<std::string> opt_string(const Json& input, std::string_view key) {
  auto v = opt_string_as_sent(input, key);
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::string string_or(const Json& input, std::string_view key, std::string fallback) {
  auto v = opt_string(input, key);
  return v ? std::move(*v) : std::move(fallback);
}

std::string required_string(const Json& input, std::string_view key) {
  auto v = opt_string_as_sent(input, key);
  if (!v) fail(protocol::wire_errors::missing_parameter(key));
  return std::move(*v);
}

std::string blob_member(const Json& input, std::string_view key) {
  std::string text = string_or(input, key);
  auto bytes = sim::base64_decode(text, sim::Base64Input::kLenient);
  if (!bytes) {
    if (text.size() > 64) text = text.substr(0, 64) + "...";
    fail(protocol::wire_errors::invalid_base64(key, text));
  }
  return std::move(*bytes);
}

std::optional<bool> opt_bool(const Json& input, std::string_view key) {
  const Json* v = member(input, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) wrong_type(key, *v, Expected::kBoolean);
  return v->get<bool>();
}

bool bool_or(const Json& input, std::string_view key, bool fallback) {
  return opt_bool(input, key).value_or(fallback);
}

bool dry_run(const Json& input) { return bool_or(input, "DryRun", false); }

std::optional<std::int64_t> opt_int(const Json& input, std::string_view key) {
  const Json* v = member(input, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) wrong_type(key, *v, Expected::kInteger);
  return v->get<std::int64_t>();
}

std::optional<int> opt_int32(const Json& input, std::string_view key) {
  auto v = opt_int(input, key);
  if (!v) return std::nullopt;
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    fail(protocol::wire_errors::wrong_type(key, std::to_string(*v), Expected::kInteger32));
  }
  return static_cast<int>(*v);
}

std::vector<std::string> strings(const Json& input, std::string_view key) {
  std::vector<std::string> out;
  const Json* v = member(input, key);
  if (v == nullptr) return out;
  if (!v->is_array()) wrong_type(key, *v, Expected::kList);
  out.reserve(v->size());
  for (const Json& e : *v) out.push_back(as_string(key, e));
  return out;
}

std::vector<const Json*> objects(const Json& input, std::string_view key) {
  std::vector<const Json*> out;
  const Json* v = member(input, key);
  if (v == nullptr) return out;
  if (!v->is_array()) wrong_type(key, *v, Expected::kList);
  for (const Json& e : *v) {
    if (!e.is_object()) wrong_type(key, e, Expected::kListOfStructures);
    out.push_back(&e);
  }
  return out;
}

const Json* object(const Json& input, std::string_view key) {
  const Json* v = member(input, key);
  if (v != nullptr && !v->is_object()) wrong_type(key, *v, Expected::kStructure);
  return v;
}

namespace {

sim::EbsBlockDevice ebs_device(const Json& e) {
  sim::EbsBlockDevice d;
  if (auto s = opt_string(e, "SnapshotId")) d.snapshot_id = sim::SnapshotId(*s);
  d.volume_size_gib = opt_int32(e, "VolumeSize");
  d.volume_type = string_or(e, "VolumeType", d.volume_type);
  d.delete_on_termination = bool_or(e, "DeleteOnTermination", d.delete_on_termination);
  d.encrypted = bool_or(e, "Encrypted", d.encrypted);
  d.iops = opt_int32(e, "Iops");
  d.throughput = opt_int32(e, "Throughput");
  return d;
}

}  // namespace

std::vector<sim::BlockDeviceMapping> block_device_mappings(const Json& input) {
  std::vector<sim::BlockDeviceMapping> out;
  for (const Json* m : objects(input, "BlockDeviceMappings")) {
    sim::BlockDeviceMapping bdm;
    bdm.device_name = required_string(*m, "DeviceName");
    bdm.virtual_name = string_or(*m, "VirtualName");
    bdm.no_device = opt_string_as_sent(*m, "NoDevice").has_value();
    if (const Json* e = object(*m, "Ebs")) bdm.ebs = ebs_device(*e);
    out.push_back(std::move(bdm));
  }
  return out;
}

std::vector<sim::Filter> filters(const Json& input, std::string_view key) {
  std::vector<sim::Filter> out;
  for (const Json* f : objects(input, key)) {
    out.push_back({opt_string_as_sent(*f, "Name").value_or(""), strings(*f, "Values")});
  }
  return out;
}

sim::PageRequest page(const Json& input) {
  sim::PageRequest p;
  if (auto n = opt_int(input, "MaxResults")) p.max_results = static_cast<long>(*n);
  p.next_token = string_or(input, "NextToken");
  return p;
}

std::vector<sim::Tag> tag_list(const Json& input, std::string_view key) {
  std::vector<sim::Tag> out;
  for (const Json* t : objects(input, key)) {
    out.push_back({string_or(*t, "Key"), string_or(*t, "Value")});
  }
  return out;
}

std::vector<sim::TagSpecification> tag_specifications(const Json& input) {
  std::vector<sim::TagSpecification> out;
  for (const Json* s : objects(input, "TagSpecifications")) {
    out.push_back({string_or(*s, "ResourceType"), tag_list(*s, "Tags")});
  }
  return out;
}

Json tags_json(const sim::Tags& tags) {
  Json out = Json::array();
  for (const auto& [k, v] : tags) {
    Json& tag = out.emplace_back(Json::object());
    tag["Key"] = k;
    tag["Value"] = v;
  }
  return out;
}

Json product_codes_json(const std::vector<sim::ProductCode>& codes) {
  Json out = Json::array();
  for (const auto& c : codes)
    out.push_back({{"ProductCodeId", c.code}, {"ProductCodeType", c.type}});
  return out;
}

Json block_device_mappings_json(const std::vector<sim::BlockDeviceMapping>& mappings) {
  Json out = Json::array();
  for (const auto& m : mappings) {
    Json j = {{"DeviceName", m.device_name}};
    put_nonempty(j, "VirtualName", m.virtual_name.get());
    if (m.no_device) j["NoDevice"] = "";
    if (m.ebs) {
      const sim::EbsBlockDevice& e = *m.ebs;
      Json ebs = {{"DeleteOnTermination", e.delete_on_termination},
                  {"Encrypted", e.encrypted},
                  {"VolumeType", e.volume_type}};
      if (e.iops) ebs["Iops"] = *e.iops;
      if (e.snapshot_id) ebs["SnapshotId"] = e.snapshot_id->str();
      if (e.volume_size_gib) ebs["VolumeSize"] = *e.volume_size_gib;
      if (e.throughput) ebs["Throughput"] = *e.throughput;
      j["Ebs"] = std::move(ebs);
    }
    out.push_back(std::move(j));
  }
  return out;
}

std::string time_json(sim::TimeMs t) { return sim::format_iso8601(t); }

void put_nonempty(Json& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out[std::string(key)] = value;
}

// MetadataOptions (InstanceMetadataOptionsRequest, LaunchTemplateInstanceMetadataOptionsRequest)
// and ModifyInstanceMetadataOptions' members: the ones given.
sim::MetadataOptionsRequest metadata_options_request(const Json& in) {
  sim::MetadataOptionsRequest r;
  r.http_tokens = opt_string(in, "HttpTokens");
  r.hop_limit = opt_int(in, "HttpPutResponseHopLimit");
  r.http_endpoint = opt_string(in, "HttpEndpoint");
  r.http_protocol_ipv6 = opt_string(in, "HttpProtocolIpv6");
  r.instance_metadata_tags = opt_string(in, "InstanceMetadataTags");
  return r;
}

}  // namespace amisim::ec2
