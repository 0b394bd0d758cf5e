// Systems Manager over its JSON protocol, for the public AMI parameters only (sim/images/ssm.hpp):
// GetParameter and GetParameters. The SDKs send awsJson1.1 (botocore ssm 2014-11-06: protocol
// "json", jsonVersion 1.1, targetPrefix "AmazonSSM"): POST /, header
// "X-Amz-Target: AmazonSSM.GetParameter", Content-Type application/x-amz-json-1.1, a JSON body
// {"Name": "...", "WithDecryption": false}. Replies are JSON with an x-amzn-RequestId header;
// errors are {"__type": "<code>", "message": "..."} with status 400.
//
// The gateway routes here every request whose X-Amz-Target starts with "AmazonSSM."; the caller
// comes from the SigV4 scope as for EC2 (".../eu-west-1/ssm/aws4_request"). Reads only: SSM
// calls never change the World and are not journaled.
#pragma once

#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "sim/state/world.hpp"

namespace amisim::ssm {

inline constexpr std::string_view kTargetPrefix = "AmazonSSM.";

// Whether `request` is an SSM JSON call (X-Amz-Target "AmazonSSM.*").
bool is_ssm_request(const http::HttpRequest& request);

// Answers one SSM JSON call for `caller` (Region from the SigV4 scope). Never throws for bad
// input: a body that is not JSON, a missing Name or an unknown operation are 400 JSON errors.
http::HttpResponse handle_ssm(const sim::World& world, const sim::Caller& caller,
                              const http::HttpRequest& request, const std::string& request_id);

}  // namespace amisim::ssm
