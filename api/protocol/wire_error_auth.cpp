// The Signature Version 4 refusals (wire_error_auth.hpp). Sources, by key:
//   EC2-CE    the EC2 API Reference, "Common Error Types" (codes, statuses: IncompleteSignature
//             400) and "Error codes" (aws-facts.md §1.5: AuthFailure 401, RequestExpired "more
//             than 15 minutes");
//   OBS       real replies quoted in public issues and code: EC2's unsigned request
//   (MissingParameter
//             AWSAccessKeyId, 400); EC2's SignatureDoesNotMatch text (aws/aws-cli#134); EC2's
//             RequestExpired "Request has expired." 400 (aws/aws-sdk-go-v2#1674,
//             aws/aws-sdk-java#1443); AWS front ends' "Authorization header requires ..."
//             sentences ending "Authorization=<header>" (rclone's backend quotes them); SQS's
//             "Credential should be scoped to a valid region, not '...'. "; DynamoDB's and STS's
//             "Signature expired: ... is now earlier than ... (... - 15 min.)"; S3's
//             AuthorizationHeaderMalformed region text with <Region>, AccessDenied "Request has
//             expired" with <X-Amz-Expires><Expires><ServerTime>, RequestTimeTooSkewed with
//             <RequestTime><ServerTime><MaxAllowedSkewMilliseconds>900000, and
//             SignatureDoesNotMatch "... Check your key and signing method." (aws/aws-sdk-js#3977);
//   3P        moto (SignatureDoesNotMatch 403; AuthFailure 401); MinIO's S3 error table
//             ("Unsupported Authorization Type", HeadersNotSigned); OpenStack Swift's s3api, which
//             copies S3's texts (service/terminal/date scope texts, X-Amz-Expires texts, "AWS
//             authentication requires a valid Date or x-amz-date header", the *Bytes elements);
//             scratchstack-aws-signature (Coral's "'Host' or ':authority' must be a
//             'SignedHeader'..."; "Signature not yet current: ...");
//   [?]       no source; amisim's choice, in AWS's manner.
#include "api/protocol/wire_error_auth.hpp"

#include <fmt/format.h>

namespace amisim::protocol::wire_errors {
namespace {

constexpr std::string_view kMismatchText =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

std::string iso_seconds(sim::TimeMs t) {  // "2026-01-01T00:00:00Z", as S3's <ServerTime>
  std::string iso = sim::format_iso8601(t);
  return iso.substr(0, 19) + "Z";
}

// Two hex digits per byte, space-separated: S3's <StringToSignBytes> and
// <CanonicalRequestBytes> (3P).
std::string spaced_hex(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:02x}", c);
  }
  return out;
}

S3Error s3(std::string code, std::string message, int status,
           std::vector<std::pair<std::string, std::string>> details = {}) {
  return {{std::move(code), std::move(message), status}, std::move(details)};
}

S3Error header_malformed(std::string message, std::string region = "") {
  S3Error e = s3("AuthorizationHeaderMalformed", std::move(message), 400);
  if (!region.empty()) e.details.emplace_back("Region", std::move(region));
  return e;
}

S3Error query_error(std::string message, std::string region = "") {
  S3Error e = s3("AuthorizationQueryParametersError", std::move(message), 400);
  if (!region.empty()) e.details.emplace_back("Region", std::move(region));
  return e;
}

constexpr std::string_view kCredentialShape =
    "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";

}  // namespace

// --- EC2 ---------------------------------------------------------------------------------------
WireError ec2_not_signed() { return missing_parameter("AWSAccessKeyId"); }  // OBS
WireError ec2_incomplete_signature(std::string_view what) {                 // EC2-CE, OBS
  return {"IncompleteSignature", std::string(what), 400};
}
WireError ec2_signature_mismatch() {  // OBS text; 3P status
  return {"SignatureDoesNotMatch", std::string(kMismatchText), 403};
}
// The scope and "host not signed" refusals: SignatureDoesNotMatch with Coral's sentence, as the
// other Query services answer them (OBS: SQS, STS) [?] for EC2.
WireError ec2_signature_refused(std::string_view why) {
  return {"SignatureDoesNotMatch", std::string(why), 403};
}
WireError ec2_request_expired() { return {"RequestExpired", "Request has expired.", 400}; }  // OBS

std::string scope_wrong_region(std::string_view scope_region) {  // OBS (SQS; Kinesis without)
  if (scope_region.empty()) return "Credential should be scoped to a valid region. ";
  return fmt::format("Credential should be scoped to a valid region, not '{}'. ", scope_region);
}
std::string scope_wrong_service(std::string_view expected_service) {  // 3P
  return fmt::format("Credential should be scoped to correct service: '{}'. ", expected_service);
}
std::string scope_wrong_date(std::string_view scope_date, std::string_view request_day,
                             std::string_view amz_date) {  // [?]
  return fmt::format(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
      "HTTP: '{}' != '{}', from '{}'.",
      scope_date, request_day, amz_date);
}
std::string signature_expired(sim::TimeMs request_time, sim::TimeMs server_time) {  // OBS
  return fmt::format("Signature expired: {} is now earlier than {} ({} - 15 min.)",
                     sim::format_iso8601_basic(request_time),
                     sim::format_iso8601_basic(server_time - 15 * sim::kMinuteMs),
                     sim::format_iso8601_basic(server_time));
}
std::string signature_not_yet_current(sim::TimeMs request_time, sim::TimeMs server_time) {  // 3P
  return fmt::format("Signature not yet current: {} is still later than {} ({} + 15 min.)",
                     sim::format_iso8601_basic(request_time),
                     sim::format_iso8601_basic(server_time + 15 * sim::kMinuteMs),
                     sim::format_iso8601_basic(server_time));
}

// --- awsJson 1.1: Coral's *Exception codes, 400 (OBS: DynamoDB's "400 Bad Request") --------------
WireError json_not_signed() {  // OBS text (AWS front ends); the code's Exception suffix [?]
  return {"MissingAuthenticationTokenException", "Request is missing Authentication Token", 400};
}
WireError json_incomplete_signature(std::string_view what) {
  return {"IncompleteSignatureException", std::string(what), 400};
}
WireError json_invalid_signature(std::string_view why) {
  return {"InvalidSignatureException", std::string(why), 400};
}
WireError json_signature_mismatch() { return json_invalid_signature(kMismatchText); }  // OBS
WireError json_unknown_key() {                                                         // OBS
  return {"UnrecognizedClientException", "The security token included in the request is invalid.",
          400};
}

// --- S3 ----------------------------------------------------------------------------------------
S3Error s3_not_signed() { return s3("AccessDenied", "Access Denied", 403); }  // [?] no policy
S3Error s3_unsupported_authorization(std::string_view algorithm) {            // [?] text
  return s3("InvalidArgument", "Unsupported Authorization Type", 400,
            {{"ArgumentName", "Authorization"}, {"ArgumentValue", std::string(algorithm)}});
}
S3Error s3_unsupported_query_algorithm() {  // [?] text
  return query_error("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
}
// What S3 answers Signature Version 2 where it takes only version 4 (Frankfurt and the Regions
// opened since 2014; OBS: GitLab's tests against real S3 quote it): amisim takes only 4.
S3Error s3_sigv2_refused() {
  return s3("InvalidRequest",
            "The authorization mechanism you have provided is not supported. Please use "
            "AWS4-HMAC-SHA256.",
            400);
}
S3Error s3_header_parts_missing() {  // [?] text
  return header_malformed(
      "The authorization header is malformed; the authorization header requires three "
      "components: Credential, SignedHeaders, and Signature.");
}
S3Error s3_query_parameters_missing() {  // [?] text
  return query_error(
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
      "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
}
S3Error s3_credential_malformed(bool presigned) {  // [?] text
  return presigned ? query_error(fmt::format("Error parsing the X-Amz-Credential parameter; {}",
                                             kCredentialShape))
                   : header_malformed(fmt::format("The authorization header is malformed; {}",
                                                  kCredentialShape));
}
S3Error s3_date_missing_or_malformed(bool presigned) {  // 3P
  if (presigned) {
    return query_error("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  return s3("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", 403);
}
S3Error s3_expires_invalid(std::string_view why) { return query_error(std::string(why)); }  // 3P
S3Error s3_credential_date_mismatch(bool presigned) {  // 3P wording, shortened [?]
  std::string why = "Invalid credential date. Date is not the same as X-Amz-Date.";
  return presigned ? query_error(std::move(why))
                   : header_malformed("The authorization header is malformed; " + why);
}
S3Error s3_wrong_region(bool presigned, std::string_view scope_region,
                        std::string_view expected_region) {  // OBS
  std::string why =
      fmt::format("the region '{}' is wrong; expecting '{}'", scope_region, expected_region);
  return presigned ? query_error("Error parsing the X-Amz-Credential parameter; " + why,
                                 std::string(expected_region))
                   : header_malformed("The authorization header is malformed; " + why,
                                      std::string(expected_region));
}
S3Error s3_wrong_service(bool presigned, std::string_view scope_service) {  // 3P
  std::string why =
      fmt::format("incorrect service \"{}\". This endpoint belongs to \"s3\".", scope_service);
  return presigned ? query_error("Error parsing the X-Amz-Credential parameter; " + why)
                   : header_malformed("The authorization header is malformed; " + why);
}
S3Error s3_unknown_key(std::string_view access_key_id) {
  S3Error e{s3_invalid_access_key(), {}};
  e.details.emplace_back("AWSAccessKeyId", std::string(access_key_id));
  return e;
}
S3Error s3_time_too_skewed(std::string_view request_time, sim::TimeMs server_time) {  // OBS
  return s3("RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.", 403,
            {{"RequestTime", std::string(request_time)},
             {"ServerTime", iso_seconds(server_time)},
             {"MaxAllowedSkewMilliseconds", "900000"}});
}
S3Error s3_presigned_expired(std::int64_t expires_seconds, sim::TimeMs expires_at,
                             sim::TimeMs server_time) {  // OBS
  return s3("AccessDenied", "Request has expired", 403,
            {{"X-Amz-Expires", std::to_string(expires_seconds)},
             {"Expires", iso_seconds(expires_at)},
             {"ServerTime", iso_seconds(server_time)}});
}
S3Error s3_presigned_not_yet_valid(sim::TimeMs request_time, sim::TimeMs server_time) {  // [?]
  return s3("AccessDenied", "Request is not yet valid", 403,
            {{"RequestTime", iso_seconds(request_time)}, {"ServerTime", iso_seconds(server_time)}});
}
S3Error s3_headers_not_signed(const std::vector<std::string>& names) {  // 3P (MinIO)
  return s3("AccessDenied", "There were headers present in the request which were not signed", 403,
            {{"HeadersNotSigned", fmt::format("{}", fmt::join(names, ", "))}});
}
S3Error s3_payload_hash_missing() {  // 3P
  return s3("InvalidRequest", "Missing required header for this request: x-amz-content-sha256",
            400);
}
S3Error s3_payload_hash_invalid(std::string_view value) {  // [?] text
  return s3("InvalidArgument",
            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a "
            "valid sha256 value.",
            400, {{"ArgumentName", "x-amz-content-sha256"}, {"ArgumentValue", std::string(value)}});
}
S3Error s3_signature_mismatch(std::string_view access_key_id, std::string_view string_to_sign,
                              std::string_view signature_provided,
                              std::string_view canonical_request) {  // OBS, 3P (elements)
  S3Error e = s3("SignatureDoesNotMatch",
                 "The request signature we calculated does not match the signature you provided. "
                 "Check your key and signing method.",
                 403,
                 {{"AWSAccessKeyId", std::string(access_key_id)},
                  {"StringToSign", std::string(string_to_sign)},
                  {"SignatureProvided", std::string(signature_provided)},
                  {"StringToSignBytes", spaced_hex(string_to_sign)}});
  if (!canonical_request.empty()) {
    e.details.emplace_back("CanonicalRequest", std::string(canonical_request));
    e.details.emplace_back("CanonicalRequestBytes", spaced_hex(canonical_request));
  }
  return e;
}
S3Error s3_payload_hash_mismatch(std::string_view client_hash,
                                 std::string_view computed_hash) {  // 3P code, status; text [?]
  return s3("XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.", 400,
            {{"ClientComputedContentSHA256", std::string(client_hash)},
             {"S3ComputedContentSHA256", std::string(computed_hash)}});
}

}  // namespace amisim::protocol::wire_errors
