// Key pair handlers: CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair.
#include "sim/instances/key_pairs.hpp"

#include "api/ec2/input.hpp"

namespace amisim::ec2 {
namespace {

// CreateKeyPair and ImportKeyPair answer with the tags only when the request gave some.
void put_key_pair_tags(Json& out, const sim::Tags& tags) {
  if (!tags.empty()) out["Tags"] = tags_json(tags);
}

Json create_key_pair(sim::World& world, const sim::Caller& caller, const Json& in) {
  // The model makes PEM (OpenSSH-compatible) material only; PuTTY's ppk is not simulated.
  const std::string format = string_or(in, "KeyFormat", "pem");
  if (format == "ppk") fail(sim::errors::ppk_not_simulated());
  if (format != "pem") fail(sim::errors::key_format_parameter_invalid(format));
  auto result = unwrap(sim::create_key_pair(world, caller, string_or(in, "KeyName"),
                                            string_or(in, "KeyType", "rsa"), tag_specifications(in),
                                            dry_run(in)));
  const sim::KeyPair& key = *result.key_pair;
  Json out = {{"KeyName", key.name},
              {"KeyFingerprint", key.fingerprint},
              {"KeyMaterial", result.key_material},
              {"KeyPairId", key.id.str()}};
  put_key_pair_tags(out, key.tags);
  return out;
}

Json import_key_pair(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string name = required_string(in, "KeyName");
  // A blob: base64 of the OpenSSH public key text (botocore encodes the file's bytes).
  if (member(in, "PublicKeyMaterial") == nullptr) fail(sim::errors::missing_public_key_material());
  const std::string public_key = blob_member(in, "PublicKeyMaterial");
  const sim::KeyPair* key = unwrap(
      sim::import_key_pair(world, caller, name, public_key, tag_specifications(in), dry_run(in)));
  Json out = {
      {"KeyFingerprint", key->fingerprint}, {"KeyName", key->name}, {"KeyPairId", key->id.str()}};
  put_key_pair_tags(out, key->tags);
  return out;
}

// DescribeKeyPairs writes Tags even when empty ("Tags": [] in the API reference's examples [?]).
Json key_pair_info_json(const sim::KeyPair& key, bool include_public_key) {
  Json out = {{"KeyPairId", key.id.str()},   {"KeyType", key.key_type},
              {"Tags", tags_json(key.tags)}, {"CreateTime", time_json(key.create_time)},
              {"KeyName", key.name},         {"KeyFingerprint", key.fingerprint}};
  if (include_public_key) out["PublicKey"] = key.public_key;
  return out;
}

Json describe_key_pairs(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeKeyPairsRequest request;
  request.key_names = strings(in, "KeyNames");
  for (auto& id : strings(in, "KeyPairIds")) request.key_pair_ids.emplace_back(std::move(id));
  request.filters = filters(in);
  const bool include_public_key = bool_or(in, "IncludePublicKey", false);
  auto keys = unwrap(sim::describe_key_pairs(world, caller, request));
  Json list = Json::array();
  for (const sim::KeyPair* key : keys) list.push_back(key_pair_info_json(*key, include_public_key));
  return {{"KeyPairs", std::move(list)}};
}

// Deleting a key that does not exist succeeds (the model follows EC2); the answer then names no
// KeyPairId unless the request gave one [?].
Json delete_key_pair(sim::World& world, const sim::Caller& caller, const Json& in) {
  const std::string name = string_or(in, "KeyName");
  const sim::KeyPairId id(string_or(in, "KeyPairId"));
  std::string deleted = id.str();
  if (id.empty()) {
    if (const sim::KeyPair* key = sim::find_key_pair(world, caller, name)) deleted = key->id.str();
  }
  unwrap(sim::delete_key_pair(world, caller, name, id, dry_run(in)));
  Json out = {{"Return", true}};
  put_nonempty(out, "KeyPairId", deleted);
  return out;
}

constexpr HandlerEntry kKeyPairHandlers[] = {
    {"CreateKeyPair", create_key_pair, true},
    {"DeleteKeyPair", delete_key_pair, true},
    {"DescribeKeyPairs", describe_key_pairs, false},
    {"ImportKeyPair", import_key_pair, true},
};

}  // namespace

std::span<const HandlerEntry> key_pair_handlers() { return kKeyPairHandlers; }

}  // namespace amisim::ec2
