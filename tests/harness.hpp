// A small harness that keeps model tests short (CONVENTIONS.md, Habits 11):
//   Harness h;  auto& i = h.run_instance();  h.advance(5 * kMinuteMs);
//   h.expect_error(stop_instances(h.world, h.caller, {"i-0..."}), "InvalidInstanceID.NotFound");
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "sim/core/result.hpp"
#include "sim/state/world.hpp"
#include "sim/timeline.hpp"

// Tests, benchmarks and fuzz targets live outside the project namespace.
using namespace amisim;

namespace test {

// Accounts besides the harness's own, and a second Region, as the tests name them.
inline const std::string kOther = "210987654321";
inline const std::string kThird = "333333333333";
inline const sim::RegionName kWest{"us-west-2"};

// The embedded fixtures, parsed once per test process.
std::shared_ptr<const sim::Fixtures> fixtures();

struct Harness {
  explicit Harness(std::uint64_t seed = 1);

  sim::World world;
  sim::Caller caller;  // default account in us-east-1

  // A caller for another account and/or Region (the account is created on first use).
  sim::Caller as(const std::string& account, const std::string& region = "us-east-1");
  sim::Caller in(const std::string& region) { return as(caller.account.str(), region); }

  // The catalogue image of `family` ("al2023-x86_64") in `region`.
  sim::ImageId catalogue_image(const std::string& family,
                               const std::string& region = "us-east-1") const;

  void advance(sim::DurationMs d) { sim::advance_by(world, d); }
  void settle() { sim::settle(world); }
};

// Puts an image of the harness's caller mapping `snapshot` straight into the Region, as
// RegisterImage would, in `state`.
sim::Image& image_using(Harness& h, const sim::SnapshotId& snapshot, sim::ImageState state);

// Checks a Result is ok and returns its value (fails the test with the error otherwise).
template <class T>
T expect_ok(sim::Result<T> result) {
  INFO((result.ok() ? std::string()
                    : std::string(result.error().name()) + ": " + result.error().message));
  REQUIRE(result.ok());
  return std::move(result).value();
}
inline void expect_ok(sim::Status status) {
  INFO((status.ok() ? std::string()
                    : std::string(status.error().name()) + ": " + status.error().message));
  REQUIRE(status.ok());
}

// Checks a Result failed with the AWS code `code`; returns the error for message checks.
template <class T>
sim::Error expect_error(const sim::Result<T>& result, const std::string& code) {
  REQUIRE_FALSE(result.ok());
  CHECK(std::string(result.error().name()) == code);
  return result.error();
}

}  // namespace test
