// What an AMI is, as opposed to where and whose it is: how it boots, how it runs and how it is
// billed. One value, so that every path making an AMI from another copies it in one assignment
// (which path carries what, and on whose word: sim/state/image.hpp). The catalogue rows hold it
// (sim/core/fixtures.hpp), every Image holds it, and so does every Instance, taken from its AMI at
// launch (CreateImage gives the instance's to the new AMI).
#pragma once

#include <string>
#include <vector>

namespace amisim::sim {

struct ProductCode {
  std::string code;
  std::string type;  // "marketplace" or "devpay"

  friend bool operator==(const ProductCode&, const ProductCode&) = default;
};

struct ImageTraits {
  std::string architecture = "x86_64";           // "x86_64" | "arm64" | "i386"
  std::string platform;                          // "windows" or ""
  std::string platform_details = "Linux/UNIX";   // "Windows", "Red Hat Enterprise Linux", ...
  std::string usage_operation = "RunInstances";  // "RunInstances:0002", ...
  std::vector<std::string> billing_products;     // "bp-6ba54002" (Windows); not in DescribeImages
  std::vector<ProductCode> product_codes;        // Marketplace codes, shown in DescribeImages
  std::string root_device_name = "/dev/xvda";    // "/dev/xvda", "/dev/sda1"
  std::string root_device_type = "ebs";
  std::string virtualization_type = "hvm";  // "hvm" | "paravirtual"
  std::string hypervisor = "xen";
  std::string image_type = "machine";
  std::string boot_mode;     // "uefi-preferred", "legacy-bios", "uefi" or ""
  std::string tpm_support;   // "v2.0" or ""
  std::string imds_support;  // "v2.0" or ""
  std::string sriov_net_support = "simple";
  bool ena_support = true;
  bool free_tier_eligible = false;  // Image.FreeTierEligible

  friend bool operator==(const ImageTraits&, const ImageTraits&) = default;
};

}  // namespace amisim::sim
