// Bad input over a real connection never crashes the server and never changes the world: random
// bytes, truncated bodies, huge values, deep Name.N.M... nesting, invalid UTF-8, bad
// percent-encoding, thousands of parameters, hundreds of idle sockets. Each gets an AWS XML error
// (or, for what is not HTTP at all, a closed connection); afterwards the server still answers and
// the world's digest is what it was.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "harness.hpp"
#include "tests/api/http_test_client.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

namespace gw = amisim::gateway;
namespace ht = amisim::http::testing;

namespace {

std::string post(const std::string& body) {
  return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A request body of one of the bad kinds. Read-only actions only, so that a body which happens to
// parse cannot change the world legitimately.
std::string bad_body() {
  const std::string describe =
      "Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-0123456789abcdef0&Filter.1.Name="
      "name&Filter.1.Value.1=al2023-*&Owner.1=amazon";
  switch (*rc::gen::inRange(0, 8)) {
    case 0:
      return *rc::gen::container<std::string>(rc::gen::arbitrary<char>());
    case 1:
      return describe.substr(0, *rc::gen::inRange<std::size_t>(0, describe.size()));
    case 2:
      return "Action=DescribeImages&Version=2016-11-15&Owner.1=" +
             std::string(*rc::gen::inRange(1000, 200000), 'x');
    case 3: {
      std::string name = "Filter";
      int depth = *rc::gen::inRange(2, 60);
      for (int i = 0; i < depth; ++i) name += (i % 2 ? ".Value" : ".1");
      return "Action=DescribeImages&Version=2016-11-15&" + name + "=x";
    }
    case 4:
      return "Action=DescribeImages&Version=2016-11-15&Owner.1=%FF%FE%C0%AF";
    case 5:
      return "Action=DescribeImages&Version=2016-11-15&Owner.1=%" +
             *rc::gen::element<std::string>("G1", "", "4", "%%", "zz");
    case 6: {
      std::string body = "Action=DescribeImages&Version=2016-11-15";
      int n = *rc::gen::inRange(4000, 7000);
      for (int i = 1; i <= n; ++i) body += "&ImageId." + std::to_string(i) + "=ami-1";
      return body;
    }
    default:
      return "Action=DescribeImages&Version=2016-11-15&ImageId." +
             *rc::gen::element<std::string>("0", "-1", "99999999999999999999", "1x", "") + "=a";
  }
}

}  // namespace

TEST_CASE(
    "Bad input over HTTP: an AWS error or a closed connection, a live server, the same "
    "world") {
  gw::GatewayOptions options;
  options.seed = 4;
  options.clock = {gw::ClockMode::kManual, 1};
  gw::Gateway gateway(test::fixtures(), options);
  sim::Caller caller;
  std::string image;
  for (const auto& [id, i] : gateway.world().region(caller.region)->images) image = id.str();
  REQUIRE(
      gateway
          .call(
              caller, "RunInstances",
              {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 2}, {"MaxCount", 2}})
          .ok());
  ht::RunningServer server(
      [&gateway](const amisim::http::HttpRequest& r) { return gateway.handle(r); });
  const std::string digest = gateway.world().digest();

  rc::prop("bad bodies", [&] {
    std::string body = bad_body();
    {
      ht::Client client(server.port());
      RC_ASSERT(client.connected());
      RC_ASSERT(client.send(post(body)));
      auto response = client.read();
      if (response) {
        // A truncated body or an odd value may still be a valid read: then a reply, else an
        // AWS error; never a 5xx.
        int status = static_cast<int>(response->result_int());
        RC_ASSERT(status < 500);
        if (status >= 400) {
          RC_ASSERT(response->body().find("<Response><Errors><Error><Code>") != std::string::npos);
        } else {
          RC_ASSERT(response->body().find("Response xmlns=") != std::string::npos);
        }
      }
    }
    // Random bytes as the whole request, not just the body.
    {
      ht::Client client(server.port());
      RC_ASSERT(
          client.send(*rc::gen::container<std::string>(rc::gen::arbitrary<char>()) + "\r\n\r\n"));
    }
    ht::Client after(server.port());
    RC_ASSERT(after.send("GET /_amisim/health HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto health = after.read();
    RC_ASSERT(health.has_value());
    RC_ASSERT(health->result_int() == 200u);
    RC_ASSERT(gateway.world().digest() == digest);
  });
}

TEST_CASE("Bad input over HTTP: 300 idle sockets do not lock out the health check (issue 14)") {
  gw::GatewayOptions options;
  options.seed = 4;
  gw::Gateway gateway(test::fixtures(), options);
  // The server's defaults: 256 connections, a 5 s head deadline.
  ht::RunningServer server(
      [&gateway](const amisim::http::HttpRequest& r) { return gateway.handle(r); });
  const std::string digest = gateway.world().digest();
  std::vector<std::unique_ptr<ht::Client>> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(std::make_unique<ht::Client>(server.port()));
    REQUIRE(idle.back()->connected());
  }
  const auto start = std::chrono::steady_clock::now();
  ht::Client health(server.port());
  REQUIRE(health.send("GET /_amisim/health HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto response = health.read();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(response);
  CHECK(response->result_int() == 200u);
  CHECK(response->body().find("\"status\"") != std::string::npos);
  CHECK(elapsed < std::chrono::seconds(1));
  REQUIRE(server.stop_and_wait());
  CHECK(gateway.world().digest() == digest);
}

}  // namespace AMISIM_UNITY_ID
