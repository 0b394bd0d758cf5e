#include "sim/state/key_pair.hpp"

#include "sim/core/base64.hpp"
#include "sim/core/hash.hpp"

namespace amisim::sim {
namespace {

// `count` pseudo-random bytes determined by `text`: FNV-1a of the text, then SplitMix64 steps
// (well mixed and deterministic, not cryptographic; see key_pair.hpp).
std::string derived_bytes(std::string_view text, std::size_t count) {
  std::uint64_t state = fnv1a(text);
  std::string out;
  while (out.size() < count) {
    state = splitmix64(state);
    for (int i = 0; i < 8 && out.size() < count; ++i)
      out.push_back(static_cast<char>((state >> (8 * i)) & 0xff));
  }
  return out;
}

// The length-prefixed type name an OpenSSH key blob starts with.
std::optional<std::string> blob_type(const std::string& blob) {
  if (blob.size() < 4) return std::nullopt;
  std::uint32_t len = 0;
  for (int i = 0; i < 4; ++i) len = (len << 8) | static_cast<unsigned char>(blob[i]);
  if (len == 0 || len > blob.size() - 4) return std::nullopt;
  return blob.substr(4, len);
}

// An OpenSSH blob: the type name, then filler bytes standing for the key's numbers.
std::string fake_blob(const std::string& type_name, std::string_view filler) {
  std::string blob = {0, 0, 0, static_cast<char>(type_name.size())};
  return blob + type_name + std::string(filler);
}

}  // namespace

std::optional<std::string> parse_openssh_public_key(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string type_name(text.substr(0, space));
  std::string_view rest = text.substr(space + 1);
  const std::string_view body = rest.substr(0, rest.find(' '));
  std::string key_type;
  if (type_name == "ssh-rsa")
    key_type = "rsa";
  else if (type_name == "ssh-ed25519")
    key_type = "ed25519";
  else
    return std::nullopt;  // AWS imports RSA and ED25519 keys only (APIREF:ImportKeyPair)
  auto blob = base64_decode(body, Base64Input::kStrict);  // as ssh-keygen writes it
  if (!blob || blob_type(*blob) != type_name) return std::nullopt;
  return key_type;
}

std::string hex_pair_fingerprint(std::string_view text, std::size_t count) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : derived_bytes(text, count)) {
    if (!out.empty()) out.push_back(':');
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string base64_fingerprint(std::string_view text) {
  return base64_encode(derived_bytes(text, 32));
}

FakeKeyMaterial make_fake_key_material(const std::string& key_type, std::uint64_t seed_a,
                                       std::uint64_t seed_b) {
  const std::string seed = std::to_string(seed_a) + ":" + std::to_string(seed_b);
  const bool rsa = key_type == "rsa";
  const std::string type_name = rsa ? "ssh-rsa" : "ssh-ed25519";
  const std::string secret = base64_encode(derived_bytes(seed, rsa ? 1190 : 300));
  const std::string label = rsa ? "RSA PRIVATE KEY" : "OPENSSH PRIVATE KEY";
  std::string pem = "-----BEGIN " + label + "-----\n";
  for (std::size_t i = 0; i < secret.size(); i += 64) pem += secret.substr(i, 64) + "\n";
  pem += "-----END " + label + "-----";
  const std::string blob = fake_blob(type_name, derived_bytes(seed + "/public", rsa ? 271 : 36));
  return FakeKeyMaterial{pem, type_name + " " + base64_encode(blob)};
}

}  // namespace amisim::sim
