// What an AMI is, as opposed to where and whose it is: how it boots, how it runs and how it is
// billed. One value, so that every path making an AMI from another copies it in one assignment
// (which path carries what, and on whose word: sim/state/image.hpp). The catalogue rows hold it
// (sim/core/fixtures.hpp), every Image holds it, and so does every Instance, taken from its AMI at
// launch (CreateImage gives the instance's to the new AMI).
#pragma once

#include <string>
#include <vector>

#include "sim/core/rare.hpp"
#include "sim/core/symbol.hpp"

namespace amisim::sim {

struct ProductCode {
  std::string code;
  std::string type;  // "marketplace" or "devpay"

  friend bool operator==(const ProductCode&, const ProductCode&) = default;
};

// The defaults, interned once (a default ImageTraits copies pointers and takes no lock).
namespace trait_defaults {
#define AMISIM_TRAIT_DEFAULT(fn, text) \
  inline const Symbol& fn() {          \
    static const Symbol symbol(text);  \
    return symbol;                     \
  }
AMISIM_TRAIT_DEFAULT(x86_64, "x86_64")
AMISIM_TRAIT_DEFAULT(linux_unix, "Linux/UNIX")
AMISIM_TRAIT_DEFAULT(run_instances, "RunInstances")
AMISIM_TRAIT_DEFAULT(dev_xvda, "/dev/xvda")
AMISIM_TRAIT_DEFAULT(ebs, "ebs")
AMISIM_TRAIT_DEFAULT(hvm, "hvm")
AMISIM_TRAIT_DEFAULT(xen, "xen")
AMISIM_TRAIT_DEFAULT(machine, "machine")
AMISIM_TRAIT_DEFAULT(simple, "simple")
#undef AMISIM_TRAIT_DEFAULT
}  // namespace trait_defaults

// The texts are Symbols (sim/core/symbol.hpp): fixed vocabularies, 8 bytes each instead of 32,
// since every image and every instance holds a copy.
struct ImageTraits {
  Symbol architecture = trait_defaults::x86_64();  // "x86_64" | "arm64" | "i386"
  Symbol platform;                                 // "windows" or ""
  // "Linux/UNIX", "Windows", "Red Hat Enterprise Linux", ...
  Symbol platform_details = trait_defaults::linux_unix();
  Symbol usage_operation = trait_defaults::run_instances();  // "RunInstances:0002", ...
  // Most images have neither list: Rare (sim/core/rare.hpp), a pointer each until set.
  // billing_products: "bp-6ba54002" (Windows), not in DescribeImages; product_codes: Marketplace
  // codes, shown in DescribeImages.
  Rare<std::vector<std::string>> billing_products;
  Rare<std::vector<ProductCode>> product_codes;
  Symbol root_device_name = trait_defaults::dev_xvda();  // "/dev/xvda", "/dev/sda1"
  Symbol root_device_type = trait_defaults::ebs();
  Symbol virtualization_type = trait_defaults::hvm();  // "hvm" | "paravirtual"
  Symbol hypervisor = trait_defaults::xen();
  Symbol image_type = trait_defaults::machine();
  Symbol boot_mode;     // "uefi-preferred", "legacy-bios", "uefi" or ""
  Symbol tpm_support;   // "v2.0" or ""
  Symbol imds_support;  // "v2.0" or ""
  Symbol sriov_net_support = trait_defaults::simple();
  bool ena_support = true;
  bool free_tier_eligible = false;  // Image.FreeTierEligible

  friend bool operator==(const ImageTraits&, const ImageTraits&) = default;
};

}  // namespace amisim::sim
