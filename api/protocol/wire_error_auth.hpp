// The errors a Signature Version 4 check answers with (`amisim serve --auth sigv4`,
// api/auth/verify.hpp), as each protocol family writes them: EC2's Query errors, the awsJson
// services' (Systems Manager, Cost Explorer: Coral's *Exception codes) and S3's, which carry extra
// elements (<StringToSign>, <ServerTime>, ...). Texts and sources in wire_error_auth.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/protocol/wire_error.hpp"
#include "sim/core/time.hpp"

namespace amisim::protocol::wire_errors {

// --- EC2 (and the Coral wording shared with awsJson) ----------------------------------------
WireError ec2_not_signed();                                 // MissingParameter AWSAccessKeyId
WireError ec2_incomplete_signature(std::string_view what);  // IncompleteSignature
WireError ec2_signature_mismatch();                         // SignatureDoesNotMatch
WireError ec2_signature_refused(std::string_view why);      // SignatureDoesNotMatch, with why
WireError ec2_request_expired();                            // RequestExpired
// (an unknown access key: auth_failure() in wire_error.hpp)

// Coral's sentences for a scope that does not fit (EC2 and awsJson messages); the Region one
// names the scope's Region unless it is "" (the Query services name it, the JSON ones do not).
std::string scope_wrong_region(std::string_view scope_region);
std::string scope_wrong_service(std::string_view expected_service);
std::string scope_wrong_date(std::string_view scope_date, std::string_view request_day,
                             std::string_view amz_date);
// "Signature expired: ... is now earlier than ... (... - 15 min.)" or "not yet current".
std::string signature_expired(sim::TimeMs request_time, sim::TimeMs server_time);
std::string signature_not_yet_current(sim::TimeMs request_time, sim::TimeMs server_time);

// --- awsJson 1.1 (SSM, Cost Explorer) ----------------------------------------------------------
WireError json_not_signed();                                 // MissingAuthenticationTokenException
WireError json_incomplete_signature(std::string_view what);  // IncompleteSignatureException
WireError json_invalid_signature(std::string_view why);      // InvalidSignatureException
WireError json_signature_mismatch();                         // InvalidSignatureException
WireError json_unknown_key();                                // UnrecognizedClientException

// --- S3 ----------------------------------------------------------------------------------------
// An S3 error with the extra elements S3 puts after <Message>, in order.
struct S3Error {
  WireError error;
  std::vector<std::pair<std::string, std::string>> details;
};
S3Error s3_not_signed();
S3Error s3_unsupported_authorization(std::string_view algorithm);
S3Error s3_unsupported_query_algorithm();
S3Error s3_sigv2_refused();  // a Signature Version 2 header or query
S3Error s3_header_parts_missing();
S3Error s3_query_parameters_missing();
S3Error s3_credential_malformed(bool presigned);
S3Error s3_date_missing_or_malformed(bool presigned);
S3Error s3_expires_invalid(std::string_view why);
S3Error s3_credential_date_mismatch(bool presigned);
S3Error s3_wrong_region(bool presigned, std::string_view scope_region,
                        std::string_view expected_region);
S3Error s3_wrong_service(bool presigned, std::string_view scope_service);
S3Error s3_unknown_key(std::string_view access_key_id);
S3Error s3_time_too_skewed(std::string_view request_time, sim::TimeMs server_time);
S3Error s3_presigned_expired(std::int64_t expires_seconds, sim::TimeMs expires_at,
                             sim::TimeMs server_time);
S3Error s3_presigned_not_yet_valid(sim::TimeMs request_time, sim::TimeMs server_time);
S3Error s3_headers_not_signed(const std::vector<std::string>& names);
S3Error s3_payload_hash_missing();
S3Error s3_payload_hash_invalid(std::string_view value);
S3Error s3_signature_mismatch(std::string_view access_key_id, std::string_view string_to_sign,
                              std::string_view signature_provided,
                              std::string_view canonical_request);
S3Error s3_payload_hash_mismatch(std::string_view client_hash, std::string_view computed_hash);

}  // namespace amisim::protocol::wire_errors
