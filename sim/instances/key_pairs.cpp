// Key pair operations. Key pairs are Region-scoped and named uniquely per account per Region
// (fact sheet §2.4: a key made in one Region is InvalidKeyPair.NotFound in another).
#include "sim/instances/key_pairs.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/text.hpp"

namespace amisim::sim {
namespace {

// A key in the SSH public key file format of RFC 4716, which ImportKeyPair also takes (APIREF
// ImportKeyPair: "OpenSSH public key format ..., Base64 encoded DER format, SSH public key file
// format as specified in RFC 4716"): "---- BEGIN SSH2 PUBLIC KEY ----", header lines
// "Tag: value" (a line ending in '\' goes on), the base64 body, "---- END SSH2 PUBLIC KEY ----".
// Returns the same key as an OpenSSH line ("ssh-rsa BASE64"), or nullopt when `text` is not one.
std::optional<std::string> openssh_from_rfc4716(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) lines.push_back(line);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  if (lines.size() < 3 || lines.front() != "---- BEGIN SSH2 PUBLIC KEY ----" ||
      lines.back() != "---- END SSH2 PUBLIC KEY ----")
    return std::nullopt;
  std::string body;
  bool continued = false;  // the previous header line ended in '\'
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (continued || (body.empty() && line.find(':') != std::string_view::npos)) {
      continued = line.back() == '\\';
      continue;  // a header line, or its continuation
    }
    body += line;
  }
  for (const char* type : {"ssh-rsa", "ssh-ed25519"}) {
    std::string candidate = std::string(type) + " " + body;
    if (parse_openssh_public_key(candidate)) return candidate;
  }
  return std::nullopt;
}

Status check_new_key(const World& world, const Caller& caller, const std::string& name,
                     const std::vector<TagSpecification>& tags) {
  if (name.empty()) return errors::missing_key_name();
  // 1-255 ASCII characters (APIREF:CreateKeyPair "KeyName"; sim/core/text.hpp).
  if (auto s = check_key_name(name); !s) return s;
  if (find_key_pair(world, caller, name)) return errors::key_pair_duplicate(name);
  if (auto s = check_tag_resource_types(tags, {"key-pair"}); !s) return s;
  return validate_tags(tags_for(tags, "key-pair"));
}

KeyPair& store_key(World& world, const Caller& caller, KeyPair key,
                   const std::vector<TagSpecification>& tags) {
  key.id = KeyPairId(world.new_id("key"));
  key.region = caller.region;
  key.owner = caller.account;
  key.create_time = world.now();
  apply_tags(key.tags, tags_for(tags, "key-pair"));
  RegionState& region = world.region_of(caller);
  const KeyPairId id = key.id;
  return region.key_pairs.emplace(id, std::move(key)).first->second;
}

std::optional<std::vector<std::string>> key_filter_values(const KeyPair& k,
                                                          const std::string& name) {
  using V = std::vector<std::string>;
  if (name == "key-name") return V{k.name};
  if (name == "key-pair-id") return V{k.id.str()};
  if (name == "fingerprint") return V{k.fingerprint};
  if (name == "key-type") return V{k.key_type};
  if (name == "tag-key") {
    V out;
    for (const auto& [key, value] : k.tags) out.push_back(key);
    return out;
  }
  if (name.rfind("tag:", 0) == 0) {
    auto it = k.tags.find(name.substr(4));
    return it == k.tags.end() ? V{} : V{it->second};
  }
  return std::nullopt;
}

bool key_passes(const KeyPair& k, const std::vector<Filter>& filters) {
  for (const auto& f : filters) {
    if (!any_match(f.values, *key_filter_values(k, f.name))) return false;
  }
  return true;
}

}  // namespace

Result<CreateKeyPairResult> create_key_pair(World& world, const Caller& caller,
                                            const std::string& name, const std::string& key_type,
                                            const std::vector<TagSpecification>& tags,
                                            bool dry_run) {
  if (auto s = check_new_key(world, caller, name, tags); !s) return s.error();
  if (key_type != "rsa" && key_type != "ed25519") return errors::key_type_invalid(key_type);
  if (dry_run) return errors::dry_run();
  const std::uint64_t a = world.next_random();
  const std::uint64_t b = world.next_random();
  FakeKeyMaterial material = make_fake_key_material(key_type, a, b);
  KeyPair key;
  key.name = name;
  key.key_type = key_type;
  key.public_key = material.public_openssh;
  key.fingerprint = key_type == "rsa" ? hex_pair_fingerprint(material.private_pem, 20)
                                      : base64_fingerprint(material.public_openssh);
  const KeyPair& stored = store_key(world, caller, std::move(key), tags);
  return CreateKeyPairResult{&stored, std::move(material.private_pem)};
}

Result<const KeyPair*> import_key_pair(World& world, const Caller& caller, const std::string& name,
                                       const std::string& public_key,
                                       const std::vector<TagSpecification>& tags, bool dry_run) {
  if (auto s = check_new_key(world, caller, name, tags); !s) return s.error();
  // An RFC 4716 key file is kept as its OpenSSH line, as DescribeKeyPairs shows public keys.
  const std::string line = openssh_from_rfc4716(public_key).value_or(public_key);
  auto key_type = parse_openssh_public_key(line);
  if (!key_type) return errors::key_format_invalid();
  if (auto s = check_public_key_text(public_key); !s) return s.error();
  if (dry_run) return errors::dry_run();
  KeyPair key;
  key.name = name;
  key.key_type = *key_type;
  key.public_key = line;
  key.fingerprint = *key_type == "rsa" ? hex_pair_fingerprint(line, 16) : base64_fingerprint(line);
  return &store_key(world, caller, std::move(key), tags);
}

Result<std::vector<const KeyPair*>> describe_key_pairs(const World& world, const Caller& caller,
                                                       const DescribeKeyPairsRequest& request) {
  if (auto s = check_filters(request.filters); !s) return s.error();
  for (const auto& f : request.filters) {
    if (!key_filter_values(KeyPair{}, f.name)) return errors::invalid_filter(f.name);
  }
  const RegionState& region = world.region_of(caller);
  for (const auto& name : request.key_names) {
    if (!find_key_pair(world, caller, name)) return errors::key_pair_not_found(name);
  }
  for (const auto& id : request.key_pair_ids) {
    auto it = region.key_pairs.find(id);
    if (it == region.key_pairs.end() || it->second.owner != caller.account)
      return errors::key_pair_not_found(id.str());
  }
  const std::set<std::string> names(request.key_names.begin(), request.key_names.end());
  const std::set<KeyPairId> ids(request.key_pair_ids.begin(), request.key_pair_ids.end());
  std::vector<const KeyPair*> out;
  for (const auto& [id, key] : region.key_pairs) {
    if (key.owner != caller.account) continue;
    if (!names.empty() && !names.count(key.name)) continue;
    if (!ids.empty() && !ids.count(key.id)) continue;
    if (key_passes(key, request.filters)) out.push_back(&key);
  }
  // By name, the order the EC2 console and CLI show.
  std::sort(out.begin(), out.end(),
            [](const KeyPair* a, const KeyPair* b) { return a->name < b->name; });
  return out;
}

Status delete_key_pair(World& world, const Caller& caller, const std::string& name,
                       const KeyPairId& id, bool dry_run) {
  if (name.empty() && id.empty()) return errors::missing_key_name();
  if (dry_run) return errors::dry_run();
  RegionState& region = world.region_of(caller);
  for (auto it = region.key_pairs.begin(); it != region.key_pairs.end(); ++it) {
    const KeyPair& key = it->second;
    if (key.owner != caller.account) continue;
    if ((!id.empty() && key.id == id) || (id.empty() && key.name == name)) {
      // Instances launched with the key keep its name (EC2 does not check for users of a key).
      region.key_pairs.erase(it);
      return ok_status();
    }
  }
  return ok_status();  // a missing key: success, as EC2 answers
}

const KeyPair* find_key_pair(const World& world, const Caller& caller, const std::string& name) {
  const RegionState* region = world.region(caller.region);
  if (!region) return nullptr;
  for (const auto& [id, key] : region->key_pairs) {
    if (key.owner == caller.account && key.name == name) return &key;
  }
  return nullptr;
}

}  // namespace amisim::sim
