// The credentials `amisim serve --auth sigv4 --credentials FILE` accepts: access key ID, secret
// access key and the account each key belongs to. With them, a request's account is the one its
// access key maps to here, never the key's digits (api/gateway/caller_identity.hpp's lenient rule).
//
// FILE is one of two formats, told apart by its first non-blank character:
//   lines  one credential per line, three fields separated by spaces or tabs:
//            ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID
//          blank lines are skipped; '#' starts a comment (a whole line, or after a field);
//   JSON   an array of objects: [{"AccessKeyId": "...", "SecretAccessKey": "...",
//          "Account": "123456789012"}, ...] (the member names of `aws iam create-access-key` and
//          `aws sts get-caller-identity`); no other members.
// Rules, both formats: an access key ID is 1-128 letters, digits or '_' (IAM's AccessKeyId
// pattern, [\w]+, without IAM's minimum length of 16 so that short test keys work [?]); a secret
// is 1-128 characters with no white space and no control character; an account is 12 digits; an
// access key ID appears once; at least one credential.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/ids.hpp"
#include "sim/core/result.hpp"

namespace amisim::auth {

struct Credential {
  std::string access_key_id;
  std::string secret_access_key;
  sim::AccountId account;
};

class CredentialStore {
 public:
  // The credential of `access_key_id`; nullptr when the file has none.
  const Credential* find(std::string_view access_key_id) const;
  std::size_t size() const { return by_key_.size(); }
  // Adds `credential`; false (nothing changes) when its access key ID is already there.
  bool add(Credential credential);

 private:
  std::map<std::string, Credential, std::less<>> by_key_;
};

// The store `text` describes, or a one-line complaint "line N: what is wrong" (N counts from 1).
sim::Result<CredentialStore, std::string> parse_credentials(std::string_view text);

}  // namespace amisim::auth
