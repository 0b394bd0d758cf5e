#include "api/auth/replies.hpp"

namespace amisim::auth {
namespace we = protocol::wire_errors;

namespace {

bool ahead_of_server(const AuthFailure& f) { return f.request_time > f.server_time; }

}  // namespace

protocol::WireError ec2_refusal(const AuthFailure& f) {
  switch (f.problem) {
    case Problem::kMissing:
      return we::ec2_not_signed();
    case Problem::kUnsupported:
    case Problem::kIncomplete:
      return we::ec2_incomplete_signature(f.detail);
    case Problem::kWrongDate:
      return we::ec2_signature_refused(we::scope_wrong_date(f.scope_value, f.expected, f.amz_date));
    case Problem::kWrongService:
      return we::ec2_signature_refused(we::scope_wrong_service(f.expected));
    case Problem::kWrongRegion:
      return we::ec2_signature_refused(we::scope_wrong_region(f.scope_value));
    case Problem::kUnknownKey:
      return we::auth_failure();
    case Problem::kTooSkewed:
    case Problem::kExpired:
    case Problem::kNotYetValid:
      return we::ec2_request_expired();
    case Problem::kHostNotSigned:
      return we::ec2_signature_refused(f.detail);
    default:
      return we::ec2_signature_mismatch();
  }
}

protocol::WireError json_refusal(const AuthFailure& f) {
  switch (f.problem) {
    case Problem::kMissing:
      return we::json_not_signed();
    case Problem::kUnsupported:
    case Problem::kIncomplete:
      return we::json_incomplete_signature(f.detail);
    case Problem::kWrongDate:
      return we::json_invalid_signature(
          we::scope_wrong_date(f.scope_value, f.expected, f.amz_date));
    case Problem::kWrongService:
      return we::json_invalid_signature(we::scope_wrong_service(f.expected));
    case Problem::kWrongRegion:
      return we::json_invalid_signature(we::scope_wrong_region(""));
    case Problem::kUnknownKey:
      return we::json_unknown_key();
    case Problem::kTooSkewed:
    case Problem::kExpired:
    case Problem::kNotYetValid:
      return we::json_invalid_signature(
          ahead_of_server(f) ? we::signature_not_yet_current(f.request_time, f.server_time)
                             : we::signature_expired(f.request_time, f.server_time));
    case Problem::kHostNotSigned:
      return we::json_invalid_signature(f.detail);
    default:
      return we::json_signature_mismatch();
  }
}

namespace {

we::S3Error s3_incomplete(const AuthFailure& f) {
  switch (f.incomplete) {
    case Incomplete::kParts:
      return f.presigned ? we::s3_query_parameters_missing() : we::s3_header_parts_missing();
    case Incomplete::kCredential:
      return we::s3_credential_malformed(f.presigned);
    case Incomplete::kDate:
      return we::s3_date_missing_or_malformed(f.presigned);
    case Incomplete::kExpires:
      break;
  }
  return we::s3_expires_invalid(f.detail);
}

}  // namespace

we::S3Error s3_refusal(const AuthFailure& f) {
  switch (f.problem) {
    case Problem::kMissing:
      return we::s3_not_signed();
    case Problem::kUnsupported:
      if (f.scope_value == "AWS") return we::s3_sigv2_refused();
      return f.presigned ? we::s3_unsupported_query_algorithm()
                         : we::s3_unsupported_authorization(f.scope_value);
    case Problem::kIncomplete:
      return s3_incomplete(f);
    case Problem::kWrongDate:
      return we::s3_credential_date_mismatch(f.presigned);
    case Problem::kWrongService:
      return we::s3_wrong_service(f.presigned, f.scope_value);
    case Problem::kWrongRegion:
      return we::s3_wrong_region(f.presigned, f.scope_value, f.expected);
    case Problem::kUnknownKey:
      return we::s3_unknown_key(f.access_key_id);
    case Problem::kTooSkewed:
      return we::s3_time_too_skewed(f.amz_date, f.server_time);
    case Problem::kExpired:
      return we::s3_presigned_expired(
          f.expires_seconds, f.request_time + f.expires_seconds * sim::kSecondMs, f.server_time);
    case Problem::kNotYetValid:
      return we::s3_presigned_not_yet_valid(f.request_time, f.server_time);
    case Problem::kHostNotSigned:
      return we::s3_headers_not_signed({"host"});
    case Problem::kHeadersNotSigned:
      return we::s3_headers_not_signed(f.headers_not_signed);
    case Problem::kPayloadHashMissing:
      return we::s3_payload_hash_missing();
    case Problem::kPayloadHashInvalid:
      return we::s3_payload_hash_invalid(f.scope_value);
    case Problem::kPayloadHashMismatch:
      return we::s3_payload_hash_mismatch(f.client_payload_hash, f.computed_payload_hash);
    case Problem::kBadSignature:
    case Problem::kBadChunkSignature:
      break;
  }
  return we::s3_signature_mismatch(f.access_key_id, f.string_to_sign, f.signature_provided,
                                   f.canonical_request);
}

}  // namespace amisim::auth
