// Signature Version 4 as a rule (api/auth/verify.hpp): a request signed with its credential's
// secret verifies whatever its method, path, query, headers and body, under EC2's rules and S3's;
// changing one byte of what was signed (the body, a signed header's value, a query value, the
// secret) makes it fail. The signer is tests/api/auth_support.hpp's, checked against AWS's
// vectors in tests/api/auth_sigv4_test.cpp.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>

#include "api/auth/verify.hpp"
#include "tests/api/auth_support.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

namespace auth = amisim::auth;
namespace sim = amisim::sim;
using amisim::http::HttpRequest;

namespace {

auth::CredentialStore store() {
  auth::CredentialStore s;
  s.add({"AKIDAMISIMTEST", "amisim-secret", sim::AccountId{"111111111111"}});
  return s;
}

std::string alnum(std::size_t min, std::size_t max) {
  auto size = *rc::gen::inRange(min, max + 1);
  return *rc::gen::container<std::string>(
      size, rc::gen::elementOf(
                std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")));
}

// Any bytes but '%' '?' '#', percent-encoded per byte where the SDKs encode them.
std::string encoded(const std::string& raw) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : raw) {
    bool plain = std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct Drawn {
  HttpRequest request;
  test::SignSpec spec;
  auth::Endpoint endpoint;
};

// A random request of EC2's or S3's rules, signed.
Drawn draw() {
  Drawn d;
  bool s3 = *rc::gen::arbitrary<bool>();
  d.endpoint = {s3 ? "s3" : "ec2", s3, std::nullopt};
  d.spec.service = d.endpoint.service;
  HttpRequest& r = d.request;
  r.method = *rc::gen::element<std::string>("GET", "POST", "PUT", "DELETE", "HEAD");
  int segments = *rc::gen::inRange(0, 4);
  for (int i = 0; i < segments; ++i) {
    r.target += "/" + encoded(*rc::gen::container<std::string>(rc::gen::arbitrary<char>()));
  }
  if (r.target.empty()) r.target = "/";
  int params = *rc::gen::inRange(0, 4);
  for (int i = 0; i < params; ++i) {
    r.target += (i == 0 ? "?" : "&") + alnum(1, 6) + "=" + alnum(0, 6);
  }
  r.headers.add("Host", "127.0.0.1:4566");
  int headers = *rc::gen::inRange(1, 4);
  for (int i = 0; i < headers; ++i) r.headers.add("X-Test-" + alnum(1, 4), alnum(1, 12));
  r.body = *rc::gen::container<std::string>(rc::gen::arbitrary<char>());
  test::sign(r, d.spec);
  return d;
}

bool verifies(const Drawn& d) {
  return auth::verify(d.request, d.endpoint, store(), test::kAuthNow).ok();
}

}  // namespace

TEST_CASE("SigV4 property: what was signed with the credential's secret verifies") {
  rc::prop("any method, path, query, headers and body, EC2's rules or S3's", [] {
    Drawn d = draw();
    RC_ASSERT(verifies(d));
  });
}

TEST_CASE("SigV4 property: one byte changed in what was signed fails") {
  rc::prop("the body (or one byte more)", [] {
    Drawn d = draw();
    std::string& body = d.request.body;
    if (body.empty()) {
      body.push_back('x');  // one byte more is one byte changed too
    } else {
      auto at = *rc::gen::inRange<std::size_t>(0, body.size());
      body[at] = static_cast<char>(body[at] ^ *rc::gen::inRange(1, 256));
    }
    RC_ASSERT(!verifies(d));
  });
  rc::prop("a signed header's value", [] {
    Drawn d = draw();
    amisim::http::Headers changed;
    bool done = false;
    for (const auto& h : d.request.headers.fields()) {
      std::string value = h.value;
      if (!done && h.name.rfind("X-Test-", 0) == 0) {
        value[0] = value[0] == 'A' ? 'B' : 'A';
        done = true;
      }
      changed.add(h.name, value);
    }
    RC_PRE(done);
    d.request.headers = changed;
    RC_ASSERT(!verifies(d));
  });
  rc::prop("a query value, or the secret", [] {
    Drawn d = draw();
    if (auto eq = d.request.target.find('='); eq != std::string::npos) {
      d.request.target.insert(eq + 1, "Z");
      RC_ASSERT(!verifies(d));
    }
    Drawn other = draw();
    auto v = auth::verify(
        other.request, other.endpoint,
        [] {
          auth::CredentialStore s;
          s.add({"AKIDAMISIMTEST", "amisim-secreT", sim::AccountId{"111111111111"}});
          return s;
        }(),
        test::kAuthNow);
    RC_ASSERT(!v.ok());
  });
}

}  // namespace AMISIM_UNITY_ID
