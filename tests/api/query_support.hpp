// Pieces that tests of the EC2 Query door share, header-only so that both the unit tests and the
// property suites can use them.
#pragma once

#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "api/http/request.hpp"

namespace test {

// The text of the first <name>...</name> in `xml` ("" when there is none): for replies whose
// element holds plain text.
inline std::string element(const std::string& xml, const std::string& name) {
  std::smatch m;
  std::regex re("<" + name + ">([^<]*)</" + name + ">");
  return std::regex_search(xml, m, re) ? m[1].str() : "";
}

// An EC2 Query request from `account` in us-east-1 carrying `body` ("Action=...&..."), signed
// in form only: the default mode reads the account from the credential and checks nothing else.
inline amisim::http::HttpRequest ec2_query_request(const std::string& account,
                                                   const std::string& body) {
  amisim::http::HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + account +
                                     "/20260101/us-east-1/ec2/aws4_request, "
                                     "SignedHeaders=host, Signature=00");
  r.body = body;
  return r;
}

// `v` without its null members, at every depth: what the XML wire carries of an output.
inline nlohmann::json without_nulls(const nlohmann::json& v) {
  if (v.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, x] : v.items()) {
      if (!x.is_null()) out[k] = without_nulls(x);
    }
    return out;
  }
  if (v.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& x : v) out.push_back(without_nulls(x));
    return out;
  }
  return v;
}

}  // namespace test
