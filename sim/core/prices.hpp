// Prices, as data (fixtures/prices.json, loaded by api/io): per Region, in integer micro-dollars
// (1 USD = 1,000,000). Every figure in the fixture carries its source. Marketplace software fees
// are on the products (fixtures/marketplace.json, MarketplaceProduct::hourly_fee_micro_usd).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "sim/core/ids.hpp"

namespace amisim::sim {

using MicroUsd = std::int64_t;

// On-demand compute per instance-hour.
struct InstancePrice {
  MicroUsd linux_hourly = 0;
  std::optional<MicroUsd> windows_hourly;  // where the catalogue has Windows
};

struct RegionPrices {
  // Usage-type prefix as AWS bills it: "" for us-east-1, "USW2-", "EU-" (eu-west-1), "EUC1-", ...
  std::string usage_prefix;
  // The Region's code in transfer usage types: "USE1" in "USE1-USW2-AWS-Out-Bytes".
  std::string transfer_code;
  MicroUsd snapshot_standard_gb_month = 0;
  MicroUsd snapshot_archive_gb_month = 0;
  MicroUsd archive_retrieval_gb = 0;                // one-time, per GB restored
  std::map<std::string, MicroUsd> volume_gb_month;  // by volume type: gp2, gp3, io1, ...
  MicroUsd gp3_iops_month = 0;                      // per provisioned IOPS-month above 3,000
  MicroUsd gp3_throughput_mibps_month = 0;          // per provisioned MiB/s-month above 125
  MicroUsd s3_standard_gb_month = 0;
  MicroUsd transfer_out_gb = 0;                    // inter-Region, charged to the source
  std::map<std::string, InstancePrice> instances;  // by instance type
};

struct Prices {
  std::map<RegionName, RegionPrices> regions;

  const RegionPrices* find(const RegionName& region) const {
    auto it = regions.find(region);
    return it == regions.end() ? nullptr : &it->second;
  }
};

}  // namespace amisim::sim
