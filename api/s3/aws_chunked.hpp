// The aws-chunked body framing that SigV4 streaming uploads use (S3 API reference, "Signature
// calculations for the Authorization header: transferring payload in multiple chunks", and the
// trailer variant STREAMING-UNSIGNED-PAYLOAD-TRAILER the newer SDKs send with checksums):
//   <hex size>[;chunk-signature=<sig>]\r\n <size bytes>\r\n ... 0[;chunk-signature=..]\r\n
//   [<trailer>: <value>\r\n ...] [x-amz-trailer-signature: ..\r\n] \r\n
// Signatures and checksum trailers are never checked (amisim does not validate signatures).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/http/request.hpp"

namespace amisim::s3 {

// Whether the request body is aws-chunked: Content-Encoding names aws-chunked, or
// x-amz-content-sha256 is one of the STREAMING-* payload kinds.
bool is_aws_chunked(const http::HttpRequest& request);

// The payload inside an aws-chunked body; nullopt when the framing is broken (a bad size line, a
// chunk that runs past the end, no final zero-size chunk).
std::optional<std::string> decode_aws_chunked(std::string_view body);

}  // namespace amisim::s3
