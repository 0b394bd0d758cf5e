#include "api/auth/chunks.hpp"

#include <fmt/format.h>

#include <charconv>

#include "api/auth/crypto.hpp"
#include "api/auth/sigv4.hpp"

namespace amisim::auth {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kChunkSignature = "chunk-signature=";
constexpr std::string_view kTrailerSignature = "x-amz-trailer-signature:";

struct Chunk {
  std::string_view data;
  std::string_view signature;  // "" when the chunk line has none
};

// The chunk starting at `at` (which moves past it); nullopt for broken framing.
std::optional<Chunk> next_chunk(std::string_view body, std::size_t& at) {
  std::size_t eol = body.find(kCrlf, at);
  if (eol == std::string_view::npos) return std::nullopt;
  std::string_view line = body.substr(at, eol - at);
  std::string_view size_text = line.substr(0, line.find(';'));
  std::size_t size = 0;
  auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
  if (ec != std::errc() || end != size_text.data() + size_text.size()) return std::nullopt;
  Chunk chunk;
  if (std::size_t s = line.find(kChunkSignature); s != std::string_view::npos) {
    chunk.signature = line.substr(s + kChunkSignature.size());
  }
  at = eol + kCrlf.size();
  if (size > body.size() - at) return std::nullopt;
  chunk.data = body.substr(at, size);
  at += size;
  if (size > 0) {
    if (body.substr(at, kCrlf.size()) != kCrlf) return std::nullopt;
    at += kCrlf.size();
  }
  return chunk;
}

std::string chain_line(std::string_view kind, const ChunkSigning& signing, std::string_view prev,
                       std::string_view hashed) {
  return fmt::format("{}\n{}\n{}\n{}\n{}", kind, signing.amz_date, signing.scope, prev, hashed);
}

// The trailer block after the last chunk: its signature line, and the other lines as signed.
std::optional<ChunkMismatch> check_trailer(std::string_view rest, const ChunkSigning& signing,
                                           std::string_view prev) {
  std::string signed_lines;
  std::string_view provided;
  while (!rest.empty() && rest.substr(0, kCrlf.size()) != kCrlf) {
    std::size_t eol = rest.find(kCrlf);
    std::string_view line = rest.substr(0, eol);
    if (line.substr(0, kTrailerSignature.size()) == kTrailerSignature) {
      provided = line.substr(kTrailerSignature.size());
    } else {
      signed_lines.append(line).push_back('\n');
    }
    if (eol == std::string_view::npos) break;
    rest.remove_prefix(eol + kCrlf.size());
  }
  std::string to_sign =
      chain_line("AWS4-HMAC-SHA256-TRAILER", signing, prev, sha256_hex(signed_lines));
  if (equal_constant_time(signature(signing.signing_key, to_sign), provided)) return std::nullopt;
  return ChunkMismatch{std::move(to_sign), std::string(provided)};
}

}  // namespace

std::optional<ChunkMismatch> check_chunk_signatures(std::string_view body,
                                                    const ChunkSigning& signing) {
  static const std::string kEmptyHash = sha256_hex("");
  std::string prev(signing.seed_signature);
  std::size_t at = 0;
  while (true) {
    std::optional<Chunk> chunk = next_chunk(body, at);
    if (!chunk) return std::nullopt;  // broken framing: IncompleteBody, from the S3 layer
    std::string to_sign = chain_line("AWS4-HMAC-SHA256-PAYLOAD", signing, prev,
                                     kEmptyHash + "\n" + sha256_hex(chunk->data));
    std::string expected = signature(signing.signing_key, to_sign);
    if (!equal_constant_time(expected, chunk->signature)) {
      return ChunkMismatch{std::move(to_sign), std::string(chunk->signature)};
    }
    prev = std::move(expected);
    if (chunk->data.empty()) break;
  }
  if (signing.trailer) return check_trailer(body.substr(at), signing, prev);
  return std::nullopt;
}

}  // namespace amisim::auth
