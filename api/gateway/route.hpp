// Which door an HTTP request goes through, and who is calling: decided once per request
// (DESIGN.md "One request, end to end", steps 2 and 3), in this order:
//   control        a path /_amisim, /_amisim/*, /moto-api/* or /_localstack/* (api/control)
//   Account        a SigV4 scope naming "account", or an unsigned POST to one of its Region
//                  operations' paths (api/account; EnableRegion/DisableRegion journaled)
//   Recycle Bin    a SigV4 scope naming "rbin", else a Host whose first label is rbin
//                  (api/rbin; its changing operations journaled)
//   DLM            a SigV4 scope naming "dlm", else a Host whose first label is dlm (api/dlm; its
//                  changing operations journaled)
//   SSM            X-Amz-Target AmazonSSM.* (api/ssm; read only, not journaled)
//   Cost Explorer  X-Amz-Target AWSInsightsIndexService.* (api/ce; read only, not journaled)
//   STS, IAM       a SigV4 scope naming the service `sts` or `iam`, else a Host whose first label
//                  is sts or iam (sts.amazonaws.com, sts.eu-west-1.amazonaws.com) (api/sts; read
//                  only, not journaled)
//   S3 REST        s3::is_s3_request: an s3 SigV4 scope, an S3 Host, or GET/PUT/HEAD/DELETE of a
//                  path other than / without Action= (api/s3/rest.hpp)
//   EC2 Query      everything else: fields from the query string and the form body
// The caller (caller_identity.hpp) is identified for every route but the control plane.
// And one log line per request (`amisim serve --log`), written the same way for every route.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/gateway/caller_identity.hpp"
#include "api/http/request.hpp"

namespace amisim::gateway {

enum class Route { kControl, kSsm, kCostExplorer, kS3, kEc2, kAccount, kSts, kIam, kRbin, kDlm };

struct Classified {
  Route route = Route::kEc2;
  CallerIdentity identity;  // the defaults for the control plane, which has no caller
};

// `is_region` says which names are Regions (for the Host rule of caller identity).
Classified classify(const http::HttpRequest& request,
                    const std::function<bool(std::string_view)>& is_region);

// How a route answered, for the log line.
struct Answer {
  http::HttpResponse response;
  std::string request_id;                 // "" for the control plane
  std::string action;                     // EC2 and S3: "" when no action was made out
  std::optional<std::string> error_code;  // EC2 and S3: the AWS error of a failed call
};

// "REMOTE <what> -> STATUS[ ERROR]", where <what> is
//   control        METHOD PATH                      (the path without the query string)
//   SSM            ssm REGION ACCOUNT REQUEST-ID
//   Cost Explorer  ce ACCOUNT REQUEST-ID
//   Account        account OPERATION ACCOUNT REQUEST-ID (OPERATION "-" when none)
//   Recycle Bin    rbin OPERATION REGION ACCOUNT REQUEST-ID (OPERATION "-" when none)
//   DLM            dlm OPERATION REGION ACCOUNT REQUEST-ID (OPERATION "-" when none)
//   STS, IAM       sts|iam ACCOUNT REQUEST-ID
//   S3             s3 ACTION REGION ACCOUNT REQUEST-ID  (ACTION "-" when none)
//   EC2            ACTION REGION ACCOUNT REQUEST-ID     (ACTION "-" when none)
// (ACCOUNT is "-" for a request whose signature `--auth sigv4` refused.)
std::string log_line(const http::HttpRequest& request, const Classified& classified,
                     const Answer& answer);

}  // namespace amisim::gateway
