// The S3 REST layer's errors (wire_error.hpp): request shapes api/s3 refuses before the model
// sees them. Codes and statuses from the S3 API reference's error code list; [?] marks texts no
// source confirms. The model's S3 errors (NoSuchBucket, ...) are sim::errors (errors_s3.cpp).
#include <fmt/format.h>

#include "api/protocol/wire_error.hpp"

namespace amisim::protocol::wire_errors {
namespace {

WireError invalid_argument(std::string message) {
  return {"InvalidArgument", std::move(message), 400};
}

}  // namespace

WireError s3_not_implemented() {
  return {"NotImplemented", "A header you provided implies functionality that is not implemented",
          501};
}
WireError s3_invalid_uri() { return {"InvalidURI", "Couldn't parse the specified URI.", 400}; }
// A signature scoped to a Region amisim does not model; [?] wording.
WireError s3_region_mismatch(std::string_view region) {
  return {"AuthorizationHeaderMalformed",
          fmt::format("The authorization header is malformed; the region '{}' is wrong (amisim "
                      "has no such Region).",
                      region),
          400};
}
WireError s3_invalid_access_key() {
  return {"InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.",
          403};
}
WireError s3_input_not_structure() { return invalid_argument("The input is not a structure."); }
WireError s3_internal_error(std::string_view what) {
  return {"InternalError", fmt::format("We encountered an internal error: {}", what), 500};
}

// Input members (api/s3/s3.cpp); texts [?].
WireError s3_member_missing(std::string_view member) {
  return invalid_argument(fmt::format("The request must contain {}.", member));
}
WireError s3_member_not_string(std::string_view member) {
  return invalid_argument(fmt::format("{} must be a string.", member));
}
WireError s3_member_not_utf8(std::string_view member) {
  return invalid_argument(fmt::format("{} is not valid UTF-8.", member));
}
WireError s3_bucket_configuration_not_structure() {
  return invalid_argument("CreateBucketConfiguration must be a structure.");
}
WireError s3_body_not_string() { return s3_member_not_string("Body"); }
WireError s3_metadata_not_map() { return invalid_argument("Metadata must be a map of strings."); }
WireError s3_metadata_not_utf8() {
  return invalid_argument("Metadata must be a map of UTF-8 strings.");
}
WireError s3_max_keys_not_integer() { return invalid_argument("MaxKeys must be an integer."); }
WireError s3_max_keys_out_of_range() {
  return invalid_argument("Provided max-keys not an integer or within integer range");
}
WireError s3_encoding_invalid() {
  return invalid_argument("Invalid Encoding Method specified in Request");
}

// The request body (api/s3/rest_request.cpp).
WireError s3_body_incomplete() {
  return {"IncompleteBody", "The request body terminated unexpectedly", 400};  // [?] text
}
WireError s3_body_length_mismatch() {
  return {"IncompleteBody",
          "You did not provide the number of bytes specified by the Content-Length HTTP header",
          400};
}
WireError s3_malformed_xml() {
  return {"MalformedXML",
          "The XML you provided was not well-formed or did not validate against our published "
          "schema",
          400};
}

// [amisim]: the client refuses before sending, with the code S3 gives what it does not implement.
WireError s3_client_cannot_send(std::string_view action) {
  return {"NotImplemented", fmt::format("amisim's client does not send S3 {} [amisim]", action),
          501};
}

}  // namespace amisim::protocol::wire_errors
