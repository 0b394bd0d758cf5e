#include "sim/state/key_pair.hpp"

#include <array>

#include "sim/core/hash.hpp"

namespace amisim::sim {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

int base64_value(char c) {
  const auto pos = kBase64Alphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Strict base64 decode (padding required to a multiple of 4); nullopt when invalid.
std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::array<int, 4> v{};
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = text[i + k];
      const bool last_group = i + 4 == text.size();
      if (c == '=' && last_group && k >= 2) {
        v[k] = 0;
        ++pad;
        continue;
      }
      if (pad > 0 || (v[k] = base64_value(c)) < 0) return std::nullopt;
    }
    const std::uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out.push_back(static_cast<char>((n >> 16) & 0xff));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 0xff));
    if (pad < 1) out.push_back(static_cast<char>(n & 0xff));
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

std::string base64_encode(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kBase64Alphabet[(n >> 18) & 63]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kBase64Alphabet[(n >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kBase64Alphabet[n & 63] : '=');
  }
  return out;
}

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
  auto blob = base64_decode(body);
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
