// The per-chunk signatures of an aws-chunked body (S3 API reference, "Signature calculations for
// the Authorization header: transferring payload in multiple chunks"): each chunk
//   <hex size>;chunk-signature=<sig>\r\n<data>\r\n
// is signed over
//   "AWS4-HMAC-SHA256-PAYLOAD" \n AmzDate \n Scope \n PreviousSignature \n Hash("") \n Hash(data)
// starting from the request's own ("seed") signature and ending with the empty chunk; with
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER the trailer headers that follow are signed too, in
// "x-amz-trailer-signature", over
//   "AWS4-HMAC-SHA256-TRAILER" \n AmzDate \n Scope \n PreviousSignature \n Hash(trailers)
// where trailers are "name:value\n" each.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amisim::auth {

struct ChunkSigning {
  std::string_view seed_signature;
  std::string_view signing_key;
  std::string_view amz_date;
  std::string_view scope;
  bool trailer = false;
};

// The first chunk (or trailer) signature that is wrong or missing: what it should have signed
// and what it said; nullopt when all are right, or when the framing is broken (the S3 layer
// then refuses the body as IncompleteBody).
struct ChunkMismatch {
  std::string string_to_sign;
  std::string provided;
};
std::optional<ChunkMismatch> check_chunk_signatures(std::string_view body,
                                                    const ChunkSigning& signing);

}  // namespace amisim::auth
