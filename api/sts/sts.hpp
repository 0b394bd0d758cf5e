// AWS Security Token Service over its Query protocol, for the one call every tool makes first:
// GetCallerIdentity ("who am I?": Ansible's amazon.aws modules, Terraform's provider and
// `aws sts get-caller-identity` call it before anything else). botocore sts 2011-06-15: protocol
// "query", xmlNamespace https://sts.amazonaws.com/doc/2011-06-15/, POST / with the form body
// "Action=GetCallerIdentity&Version=2011-06-15"; the reply is <GetCallerIdentityResponse> with a
// <GetCallerIdentityResult> (the model's resultWrapper) and <ResponseMetadata><RequestId>.
// Errors are <ErrorResponse><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/>.
//
// IAM (Query protocol too, version 2010-05-08) is not modelled: every IAM call, and every STS
// call but GetCallerIdentity, answers InvalidAction in those services' wording ("Could not find
// operation X for version V"), the message saying what amisim models.
//
// The gateway routes here what the SigV4 scope names `sts` or `iam`, or a Host sts.* / iam.*
// (api/gateway/route.hpp). The caller is the gateway's (api/gateway/caller_identity.hpp): the
// account a 12-digit access key names, else 123456789012, and under `serve --auth sigv4` the
// credentials file's account for the key. Reads only: never changes the World, not journaled.
#pragma once

#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/state/world.hpp"

namespace amisim::sts {

enum class Service { kSts, kIam };

// The signing name of `service` ("sts", "iam").
std::string_view signing_name(Service service);

// Answers one Query call to `service` for `caller`. Never throws for bad input: a body that is
// not a form, no Action, or an action amisim does not model are 400 errors in the envelope above.
http::HttpResponse handle(Service service, const sim::Caller& caller,
                          const http::HttpRequest& request, const std::string& request_id);

// The error envelope of `service` for `error` (also for a refused signature).
http::HttpResponse error_reply(Service service, const protocol::WireError& error,
                               const std::string& request_id);

// GetCallerIdentity's answer for an account: amisim has no IAM users or roles, so every caller is
// its account's root user [?], which AWS answers with UserId = the account ID and
// Arn = arn:aws:iam::<account>:root (IAM User Guide, policy variables, the principal table). An
// IAM user's key would answer UserId "AIDA..." and Arn arn:aws:iam::<account>:user/<name>; an
// assumed role "AROA...:<session>" and arn:aws:sts::<account>:assumed-role/<role>/<session>.
struct CallerIdentity {
  std::string user_id;
  std::string account;
  std::string arn;
};
CallerIdentity caller_identity(const sim::AccountId& account);

}  // namespace amisim::sts
