// The control plane under /_amisim/ (JSON in and out) and the compat routes other emulators'
// users already call. Every endpoint (README "Control endpoints" documents them for users):
//   GET  /_amisim/health         {"status": "running", "services": {"ec2": "running"}, ...}
//   POST /_amisim/reset          optional {"seed": N}: a fresh world (same seed unless given)
//   GET  /_amisim/clock          {"now": "<ISO-8601>", "mode": "instant|manual|scaled:N"}
//   POST /_amisim/clock          {"mode": "manual"}: change the clock mode
//   POST /_amisim/clock/advance  {"seconds": N}: move model time forward (any mode)
//   GET  /_amisim/state          the state document (api/gateway/gateway.hpp)
//   POST /_amisim/state          load a state document: the world afterwards describes identically
//   POST /_amisim/state/save     write the state document to the --state FILE, atomically
//   POST /moto-api/reset         as /_amisim/reset (moto's reset route)
//   GET  /_localstack/health     {"services": {"ec2": "running"}, ...} (LocalStack's health route)
// Errors: a JSON body {"error": {"code": "...", "message": "..."}} with 400 (bad body or value),
// 404 (no such endpoint) or 405 (wrong method, with an Allow header).
#pragma once

#include "api/http/request.hpp"

namespace amisim::gateway {

class Gateway;

// Answers a request whose path is under /_amisim/, /moto-api/ or /_localstack/. The caller holds
// the gateway's lock.
http::HttpResponse handle_control_request(Gateway& gateway, const http::HttpRequest& request);

}  // namespace amisim::gateway
