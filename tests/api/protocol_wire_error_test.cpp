// The wire layers' named errors: codes the model's table lists carry its name and status, and the
// texts the fact sheet quotes are written as quoted (aws-facts.md §1.5, §1.6).
#include <catch2/catch.hpp>

#include "api/protocol/wire_error.hpp"

namespace {

using amisim::protocol::WireError;
namespace wire_errors = amisim::protocol::wire_errors;
namespace sim = amisim::sim;

}  // namespace

TEST_CASE("AuthFailure for bad credentials is EC2's text with HTTP 401 (fact sheet §1.5, §1.6)") {
  const WireError e = wire_errors::auth_failure();
  CHECK(e.code == "AuthFailure");
  CHECK(e.http_status == 401);
  CHECK(e.message == "AWS was not able to validate the provided access credentials");
  const WireError region = wire_errors::unknown_region("xx-nowhere-1");
  CHECK(region.code == "AuthFailure");
  CHECK(region.http_status == 401);
  CHECK(region.message.rfind(e.message, 0) == 0);  // the same text, then the Region named
  CHECK(region.message.find("xx-nowhere-1") != std::string::npos);
}

TEST_CASE("Wire errors with a code from the model's table take its name and status") {
  const sim::ErrorInfo& invalid_value = sim::error_info(sim::ErrorCode::kInvalidParameterValue);
  const WireError e = wire_errors::invalid_base64("UserData", "%%%");
  CHECK(e.code == invalid_value.name);
  CHECK(e.http_status == invalid_value.http_status);
  const WireError model = amisim::protocol::to_wire(sim::errors::unknown_parameter("Foo"));
  CHECK(wire_errors::unknown_parameter("Foo") == model);
}

TEST_CASE("Bad values are worded 'Value (v) for parameter p is invalid.' as EC2 words them") {
  // Real text "Value () for parameter groupId is invalid. The value cannot be empty" (§1.5 and
  // wire_error.cpp's sources); the reason after the period is the caller's.
  CHECK(wire_errors::invalid_value("groupId", "", "The value cannot be empty").message ==
        "Value () for parameter groupId is invalid. The value cannot be empty");
  CHECK(wire_errors::wrong_type("MinCount", "\"x\"", wire_errors::Expected::kInteger).message ==
        "Value (\"x\") for parameter MinCount is invalid. Expected an integer.");
  CHECK(wire_errors::invalid_date_time("DeprecateAt", "soon").message ==
        "Value (soon) for parameter DeprecateAt is invalid. " +
            std::string(wire_errors::kDateTimeExpected));
}

TEST_CASE("Client-side decoding failures are MalformedResponse, never an HTTP status") {
  for (const WireError& e :
       {wire_errors::response_without_error(), wire_errors::action_not_in_model(),
        wire_errors::unexpected_root("Foo"), wire_errors::malformed_xml("x", 3),
        wire_errors::ssm_reply_not_json(500)}) {
    CHECK(e.code == "MalformedResponse");
    CHECK(e.http_status == 0);
    CHECK_FALSE(e.message.empty());
  }
}
