#include "api/auth/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cassert>
#include <climits>

namespace amisim::auth {

Digest sha256(std::string_view bytes) {
  Digest out{};
  unsigned int size = 0;
  int ok = EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, EVP_sha256(), nullptr);
  assert(ok == 1 && size == out.size());
  (void)ok;
  return out;
}

Digest hmac_sha256(std::string_view key, std::string_view message) {
  assert(key.size() <= INT_MAX);
  Digest out{};
  unsigned int size = 0;
  const unsigned char* made = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                                   reinterpret_cast<const unsigned char*>(message.data()),
                                   message.size(), out.data(), &size);
  assert(made != nullptr && size == out.size());
  (void)made;
  return out;
}

std::string hex(const Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (std::uint8_t b : digest) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) { return hex(sha256(bytes)); }

std::string bytes_of(const Digest& digest) {
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace amisim::auth
