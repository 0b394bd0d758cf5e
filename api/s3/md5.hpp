// MD5 (RFC 1321), for S3's ETag of a single-part upload: the quoted hex MD5 of the body. A small
// local implementation rather than a libcrypto dependency; it is not used for security.
#pragma once

#include <string>
#include <string_view>

namespace amisim::s3 {

// The 32 lower-case hex digits of MD5(bytes).
std::string md5_hex(std::string_view bytes);

}  // namespace amisim::s3
