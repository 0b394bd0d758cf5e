// What the restJson1 doors' tests (rbin_test.cpp, dlm_test.cpp) share: a request as an SDK sends
// it, signed for the service in a Region (the signature itself is not checked: the gateway runs
// without --auth).
#pragma once

#include <string>

#include "api/http/request.hpp"

namespace test {

inline amisim::http::HttpRequest rest_json_request(const std::string& service,
                                                   const std::string& method,
                                                   const std::string& target,
                                                   const std::string& body = "",
                                                   const std::string& key = "AKIDEXAMPLE") {
  amisim::http::HttpRequest r;
  r.method = method;
  r.target = target;
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Content-Type", "application/json");
  r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/eu-west-1/" +
                                     service + "/aws4_request, SignedHeaders=host, Signature=ab");
  r.body = body;
  return r;
}

}  // namespace test
