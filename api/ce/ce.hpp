// AWS Cost Explorer over its JSON protocol: GetCostAndUsage over the simulator's bill
// (api/ce/cost_and_usage.hpp). The SDKs send awsJson1.1 (botocore ce 2017-10-25: protocol "json",
// jsonVersion 1.1, targetPrefix "AWSInsightsIndexService"): POST /, header
// "X-Amz-Target: AWSInsightsIndexService.GetCostAndUsage", a JSON body. Replies are JSON with an
// x-amzn-RequestId header; errors are {"__type": "<code>", "message": "..."} with status 400.
//
// The gateway routes here every request whose X-Amz-Target starts with
// "AWSInsightsIndexService.". The bill is the caller's account's (from the SigV4 access key, as for
// EC2), across every Region: AWS's management account sees its own and its members' costs;
// amisim has no organizations, so an account sees its own. The Region of the signature does not
// matter (Cost Explorer has one endpoint). Reads only: never changes the World, not journaled.
#pragma once

#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "sim/state/world.hpp"

namespace amisim::ce {

inline constexpr std::string_view kTargetPrefix = "AWSInsightsIndexService.";

// Whether `request` is a Cost Explorer JSON call (X-Amz-Target "AWSInsightsIndexService.*").
bool is_ce_request(const http::HttpRequest& request);

// Answers one Cost Explorer call for `caller`'s account. Never throws for bad input: a body that
// is not JSON, an unknown operation or a bad request are 400 JSON errors.
http::HttpResponse handle_ce(const sim::World& world, const sim::Caller& caller,
                             const http::HttpRequest& request, const std::string& request_id);

}  // namespace amisim::ce
