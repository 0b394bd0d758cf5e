#include "api/s3/aws_chunked.hpp"

#include <cstdint>

namespace amisim::s3 {
namespace {

// Chunks are bounded by the body (the HTTP server limits it), so a size above it is broken.
std::optional<std::size_t> parse_hex_size(std::string_view text, std::size_t limit) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : text) {
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) return std::nullopt;
    n = n * 16 + static_cast<std::uint64_t>(v);
  }
  if (n > limit) return std::nullopt;
  return static_cast<std::size_t>(n);
}

}  // namespace

bool is_aws_chunked(const http::HttpRequest& request) {
  if (auto encoding = request.headers.find("Content-Encoding")) {
    if (encoding->find("aws-chunked") != std::string_view::npos) return true;
  }
  auto sha = request.headers.find("x-amz-content-sha256");
  return sha && sha->substr(0, 10) == "STREAMING-";
}

std::optional<std::string> decode_aws_chunked(std::string_view body) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    std::size_t eol = body.find("\r\n", at);
    if (eol == std::string_view::npos) return std::nullopt;
    std::string_view line = body.substr(at, eol - at);
    auto size = parse_hex_size(line.substr(0, line.find(';')), body.size());
    if (!size) return std::nullopt;
    at = eol + 2;
    if (*size == 0) return out;  // trailers (checksums, trailer signature) are ignored
    if (body.size() - at < *size + 2 || body.substr(at + *size, 2) != "\r\n") return std::nullopt;
    out.append(body.substr(at, *size));
    at += *size + 2;
  }
}

}  // namespace amisim::s3
