// The wire's timestamp check (api/protocol/scalars.hpp): sim's ISO-8601 grammar, in the form
// botocore writes.
#include <catch2/catch.hpp>

#include "api/protocol/scalars.hpp"

using amisim::protocol::is_iso8601;

TEST_CASE("Wire timestamps: a date-time with a capital T and Z or an offset") {
  CHECK(is_iso8601("2030-01-01T00:00:00Z"));
  CHECK(is_iso8601("2030-01-01T00:00:00.123456789Z"));
  CHECK(is_iso8601("2030-01-01T00:00:00+05:30"));
  CHECK(is_iso8601("2030-01-01T00:00:00.5-08:00"));
  CHECK_FALSE(is_iso8601("2030-01-01"));                       // a date alone
  CHECK_FALSE(is_iso8601("2030-01-01t00:00:00Z"));             // lower-case t
  CHECK_FALSE(is_iso8601("2030-01-01T00:00:00z"));             // lower-case z
  CHECK_FALSE(is_iso8601("2030-01-01T00:00:00.1234567890Z"));  // ten fraction digits
  CHECK_FALSE(is_iso8601("2030-01-01T00:00:00"));              // no zone
  CHECK_FALSE(is_iso8601("tomorrow"));
}

TEST_CASE("Wire timestamps are checked for shape only, the handler checks the values") {
  // A month 13 or an offset of 25 hours is a timestamp's shape: EnableImageDeprecation refuses
  // it with the same sentence (api/ec2/images.cpp).
  CHECK(is_iso8601("2030-13-01T00:00:00Z"));
  CHECK(is_iso8601("2030-01-01T00:00:00+25:00"));
  CHECK_FALSE(is_iso8601("2030-01-01T-1:00:00Z"));  // a sign is not a digit
}

TEST_CASE("A timestamp member's text is kept as sent, or refused with the ISO-8601 sentence") {
  std::string reason;
  auto v = amisim::protocol::scalar_from_text(amisim::protocol::ShapeType::kTimestamp,
                                              "2030-01-01T00:00:00+01:00", &reason);
  REQUIRE(v);
  CHECK(*v == "2030-01-01T00:00:00+01:00");
  CHECK_FALSE(amisim::protocol::scalar_from_text(amisim::protocol::ShapeType::kTimestamp,
                                                 "2030-01-01", &reason));
  CHECK(reason == "Expecting an ISO-8601 date-time such as 2030-01-01T00:00:00Z.");
}
