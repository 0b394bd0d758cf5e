// The client side of `amisim serve`, for `amisim run --endpoint URL`: the same calls the
// in-process door answers, sent over HTTP the way the AWS SDKs send them, and the replies decoded
// back to the SDK-shaped JSON the scenario runner compares.
//
//   EC2:      the Query protocol (protocol::write_query), POST / with a SigV4-shaped
//             Authorization header whose credential scope carries the Region and whose access
//             key is the 12-digit account (api/gateway/caller_identity.hpp), and the XML reply
//             decoded by protocol::read_reply.
//   control:  JSON in and out under /_amisim/ (reset, clock, subscriptions, billing).
//
// One connection per exchange (the server keeps connections alive, but a scenario's calls are
// few). Every exchange is bounded by a timeout, so a server that hangs fails the step instead of
// the run. Signatures are not computed: a lenient `amisim serve` (the default) does not verify
// them, and one started with `--auth sigv4` refuses these requests (MissingParameter,
// SignatureDoesNotMatch, ...), so scenarios run against the default mode only.
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/request.hpp"
#include "api/protocol/service_model.hpp"
#include "api/protocol/wire_error.hpp"
#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace amisim::client {

struct Endpoint {
  std::string host;
  std::string port;
};

// "http://host:port" (an optional trailing "/"; port 80 when none). An error text for anything
// else: https, a path, user info, a port that is not a number.
sim::Result<Endpoint, std::string> parse_endpoint(std::string_view url);

// One HTTP exchange; an error text (connection refused, timeout, a reply that is not HTTP) when
// no response arrived.
sim::Result<http::HttpResponse, std::string> exchange(
    const Endpoint& endpoint, const http::HttpRequest& request,
    std::chrono::milliseconds timeout = std::chrono::seconds(60));

namespace detail {
// The SigV4 Authorization header the SDKs send, with the parts amisim reads: the access key (the
// account) and the credential scope's Region and service. Never a valid signature.
std::string authorization(const sim::Caller& caller, std::string_view service);
// A transport failure as a step's error: code "amisim.Transport", http_status 0.
protocol::WireError transport_error(std::string text);
}  // namespace detail

// The awsJson 1.1 request an SDK sends for an SSM action (X-Amz-Target "AmazonSSM.<action>"),
// and its reply read back: the output JSON, or {"__type", "message"} as an error with the status.
http::HttpRequest ssm_request(const sim::Caller& caller, std::string_view action,
                              const nlohmann::json& input);
protocol::WireResult<nlohmann::json> ssm_reply(const http::HttpResponse& response);

// The restJson1 request an SDK sends for an Account API operation (POST /enableRegion, ... with
// the input as the JSON body), and its reply read back: the output JSON ({} for an empty 200), or
// the x-amzn-ErrorType header and {"message"} as an error with the status.
http::HttpRequest account_request(const sim::Caller& caller, std::string_view operation,
                                  const nlohmann::json& input);
protocol::WireResult<nlohmann::json> account_reply(const http::HttpResponse& response);

// The restJson1 request an SDK sends for a Recycle Bin operation (api/rbin/rbin.hpp: its method
// and path, the Identifier or ResourceArn in the path, TagKeys in the query, the rest as the JSON
// body). Its reply reads as the Account API's (account_reply).
http::HttpRequest rbin_request(const sim::Caller& caller, std::string_view operation,
                               const nlohmann::json& input);
// The restJson1 request an SDK sends for a DLM operation (api/dlm/dlm.hpp: PolicyId or
// ResourceArn in the path, GetLifecyclePolicies' filters and TagKeys in the query, the rest as the
// JSON body). Its reply reads as the Account API's (account_reply, which takes Message too).
http::HttpRequest dlm_request(const sim::Caller& caller, std::string_view operation,
                              const nlohmann::json& input);

class Remote {
 public:
  explicit Remote(Endpoint endpoint);

  const Endpoint& endpoint() const { return endpoint_; }

  // An EC2 action with SDK-shaped input, as `caller`. The reply's output JSON, or the AWS error
  // it carried; a transport failure is an error with code "amisim.Transport" and http_status 0.
  protocol::WireResult<nlohmann::json> ec2(const sim::Caller& caller, std::string_view action,
                                           const nlohmann::json& input) const;

  // An S3 action of the subset api/s3/s3.hpp answers, with the same JSON in and out, sent as
  // S3's REST API (path style). Errors carry S3's code; a HEAD error has only its status, so its
  // code is the status ("404"), as botocore reports it. Other actions: NotImplemented (501).
  protocol::WireResult<nlohmann::json> s3(const sim::Caller& caller, std::string_view action,
                                          const nlohmann::json& input) const;

  // A Systems Manager action (GetParameter, GetParameters) as awsJson 1.1.
  protocol::WireResult<nlohmann::json> ssm(const sim::Caller& caller, std::string_view action,
                                           const nlohmann::json& input) const;

  // An Account API operation (EnableRegion, DisableRegion, GetRegionOptStatus, ListRegions).
  protocol::WireResult<nlohmann::json> account(const sim::Caller& caller,
                                               std::string_view operation,
                                               const nlohmann::json& input) const;

  // A Recycle Bin (rbin) operation.
  protocol::WireResult<nlohmann::json> rbin(const sim::Caller& caller, std::string_view operation,
                                            const nlohmann::json& input) const;
  // A Data Lifecycle Manager (dlm) operation.
  protocol::WireResult<nlohmann::json> dlm(const sim::Caller& caller, std::string_view operation,
                                           const nlohmann::json& input) const;

  // A control-plane request: `method` `target` (e.g. "POST", "/_amisim/reset") with a JSON body
  // (none when null). The reply's JSON when its status is 2xx; otherwise the control plane's
  // {"error": {"code", "message"}} as a WireError with the status (code "amisim.Control" when
  // the body has none), or a transport error.
  protocol::WireResult<nlohmann::json> control(std::string_view method, std::string target,
                                               const nlohmann::json& body = nullptr) const;

 private:
  Endpoint endpoint_;
  std::shared_ptr<const protocol::ServiceModel> model_;
};

}  // namespace amisim::client
