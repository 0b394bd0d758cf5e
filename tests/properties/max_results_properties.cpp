// MaxResults over the HTTP door: any value, for any operation that takes it, is answered as the
// operation's range says (tests/api/max_results_spec.hpp): below the minimum InvalidParameterValue
// in the operation's words; above the maximum InvalidParameterValue or a page, as the operation
// refuses or clamps; within the range a page. Never a 5xx, and the world stays as it was.
#include <rapidcheck/catch.h>

#include <catch2/catch.hpp>
#include <string>

#include "api/gateway/gateway.hpp"
#include "harness.hpp"
#include "tests/api/max_results_spec.hpp"
#include "unity_id.hpp"

namespace AMISIM_UNITY_ID {

namespace gw = amisim::gateway;
namespace spec = test::max_results;
using Json = nlohmann::json;

namespace {

std::string form_value(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

amisim::http::HttpRequest describe(const spec::Case& c, long max_results) {
  amisim::http::HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  r.body = std::string("Action=") + c.action +
           "&Version=2016-11-15&MaxResults=" + std::to_string(max_results);
  const Json& fields = c.form.empty() ? c.input : c.form;
  for (const auto& [name, value] : fields.items()) r.body += "&" + name + "=" + form_value(value);
  return r;
}

}  // namespace

TEST_CASE("MaxResults over HTTP: any value is answered as the operation's range says") {
  gw::Gateway g(test::fixtures(), gw::GatewayOptions{});
  auto made = g.call(
      sim::Caller{}, "CreateLaunchTemplate",
      {{"LaunchTemplateName", "pages"}, {"LaunchTemplateData", {{"InstanceType", "t3.micro"}}}});
  REQUIRE(made.ok());
  const std::vector<spec::Case> cases =
      spec::max_results_cases(made.value()["LaunchTemplate"]["LaunchTemplateId"]);
  const std::string digest = g.world().digest();

  rc::prop("a random operation and value", [&] {
    const spec::Case& c = *rc::gen::elementOf(cases);
    const long value = *rc::gen::oneOf(
        rc::gen::element(c.min - 1, c.min, c.max, c.max + 1), rc::gen::inRange(-20L, 3000L),
        rc::gen::inRange(c.min - 3, c.min + 3), rc::gen::inRange(c.max - 3, c.max + 3));
    const auto response = g.handle(describe(c, value));
    RC_LOG() << c.action << " MaxResults=" << value << " -> " << response.status << "\n";
    const bool refused = value < c.min || (value > c.max && c.above == spec::Above::kRefuse);
    if (!refused) {
      RC_ASSERT(response.status == 200);
    } else {
      RC_ASSERT(response.status == 400);
      RC_ASSERT(response.body.find("<Code>InvalidParameterValue</Code><Message>" +
                                   spec::max_results_message(c, value) + "</Message>") !=
                std::string::npos);
    }
    RC_ASSERT(g.world().digest() == digest);
  });
}

}  // namespace AMISIM_UNITY_ID
