// Helpers for the tests of what an AMI made from another carries (sim/state/image.hpp): traits no
// image starts with, a source image whose own fields are all set, and a readable print of traits
// for failed checks.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "sim/core/image_traits.hpp"
#include "sim/state/image.hpp"

namespace test {

// Every member set to a value unlike its default and unlike any catalogue image's, so that a test
// comparing an image made from one with these sees each member that was not carried.
inline amisim::sim::ImageTraits distinctive_traits() {
  amisim::sim::ImageTraits t;
  t.architecture = "arm64";
  t.platform = "windows";
  t.platform_details = "Windows with SQL Server Web";
  t.usage_operation = "RunInstances:0202";
  t.billing_products = {"bp-6ba54002", "bp-testonly1"};
  t.product_codes = {{"0123456789abcdefghijklmno", "marketplace"}, {"devpaycode1", "devpay"}};
  t.root_device_name = "/dev/sdz1";
  t.root_device_type = "instance-store";
  t.virtualization_type = "paravirtual";
  t.hypervisor = "ovm";
  t.image_type = "kernel";
  t.boot_mode = "uefi";
  t.tpm_support = "v2.0";
  t.imds_support = "v2.0";
  t.sriov_net_support = "";
  t.ena_support = false;
  t.free_tier_eligible = true;
  return t;
}

inline std::string to_text(const amisim::sim::ImageTraits& t) {
  std::string out = t.architecture + " platform=" + t.platform + " details=" + t.platform_details +
                    " usage=" + t.usage_operation + " billing=";
  for (const auto& b : t.billing_products) out += b + ",";
  out += " codes=";
  for (const auto& c : t.product_codes) out += c.code + ":" + c.type + ",";
  out += " root=" + t.root_device_name + " " + t.root_device_type + " " + t.virtualization_type +
         " " + t.hypervisor + " " + t.image_type + " boot=" + t.boot_mode +
         " tpm=" + t.tpm_support + " imds=" + t.imds_support + " sriov=" + t.sriov_net_support +
         " ena=" + (t.ena_support ? "1" : "0") + " free=" + (t.free_tier_eligible ? "1" : "0");
  return out;
}

// Sets `image`'s traits to distinctive_traits(), and its own description, tags, sharing,
// deprecation, protection, public SSM name and last launch to values an image made from it would
// show if it took them (which of them each path takes: sim/state/image.hpp).
inline void decorate(amisim::sim::Image& image, amisim::sim::TimeMs now) {
  image.traits = distinctive_traits();
  image.description = "the source's own description";
  image.tags.mut()["team"] = "blue";
  image.launch_permissions.mut().insert(amisim::sim::AccountId("210987654321"));
  image.is_public = true;
  image.deprecation_time = now + 30 * amisim::sim::kDayMs;
  image.protection = amisim::sim::DeregistrationProtection::kEnabledWithoutCooldown;
  image.public_ssm_parameter = "/aws/service/test/decorated";
  image.last_launched_time = now;
}

// Checks that `made`, just made from `source`, took none of its sharing, lifecycle, public name or
// launch record: it starts pending, private, undeprecated and unprotected.
inline void check_own_lifecycle(const amisim::sim::Image& made, const amisim::sim::Image& source) {
  CHECK(made.id != source.id);
  CHECK(made.state == amisim::sim::ImageState::kPending);
  CHECK(made.launch_permissions->empty());
  CHECK_FALSE(made.is_public);
  CHECK_FALSE(made.deprecation_time);
  CHECK(made.protection == amisim::sim::DeregistrationProtection::kDisabled);
  CHECK(made.public_ssm_parameter->empty());
  CHECK_FALSE(made.last_launched_time);
}

}  // namespace test

namespace Catch {
template <>
struct StringMaker<amisim::sim::ImageTraits> {
  static std::string convert(const amisim::sim::ImageTraits& t) { return test::to_text(t); }
};
}  // namespace Catch
