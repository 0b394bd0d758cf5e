#include "api/io/prices.hpp"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace amisim::io {
namespace {

using nlohmann::json;

constexpr std::size_t kFractionDigits = 6;  // micro-dollars

[[noreturn]] void fail(const std::string& path, std::string_view what) {
  throw std::runtime_error(fmt::format("fixtures/prices.json: {}: {}", path, what));
}

const json& member(const json& object, const std::string& path, const char* key) {
  if (!object.is_object() || !object.contains(key)) fail(path, fmt::format("missing \"{}\"", key));
  return object.at(key);
}

std::string string_member(const json& object, const std::string& path, const char* key) {
  const json& v = member(object, path, key);
  if (!v.is_string()) fail(path + "." + key, "must be a string");
  return v.get<std::string>();
}

// The top-level "sources" map: every figure must name one of its keys.
struct Context {
  const json& sources;
};

void check_source(const Context& ctx, const json& object, const std::string& path,
                  const char* key) {
  const std::string source = string_member(object, path, key);
  if (!ctx.sources.contains(source))
    fail(path + "." + key, fmt::format("source \"{}\" is not a key of \"sources\"", source));
}

// A figure: {"usd": "0.05", "source": "key"} -> micro-dollars.
sim::MicroUsd figure(const Context& ctx, const json& object, const std::string& path) {
  if (!object.is_object()) fail(path, "must be an object {\"usd\", \"source\"}");
  const std::string usd = string_member(object, path, "usd");
  check_source(ctx, object, path, "source");
  auto micros = parse_micro_usd(usd);
  if (!micros)
    fail(path + ".usd", fmt::format("\"{}\" is not a decimal with at most 6 decimals", usd));
  return *micros;
}

sim::MicroUsd figure_at(const Context& ctx, const json& parent, const std::string& path,
                        const char* key) {
  return figure(ctx, member(parent, path, key), path + "." + key);
}

void read_instances(const Context& ctx, const json& doc, const std::string& path,
                    const sim::Fixtures& fixtures, sim::RegionPrices& out) {
  if (!doc.is_object()) fail(path, "must be an object");
  for (const auto& [type, entry] : doc.items()) {
    const std::string at = path + "." + type;
    if (!fixtures.find_instance_type(type)) fail(at, "not an instance type of instance-types.json");
    sim::InstancePrice price;
    price.linux_hourly = figure_at(ctx, entry, at, "linux");
    if (entry.contains("windows")) price.windows_hourly = figure_at(ctx, entry, at, "windows");
    out.instances.emplace(type, price);
  }
}

void read_volumes(const Context& ctx, const json& doc, const std::string& path,
                  sim::RegionPrices& out) {
  if (!doc.is_object() || doc.empty()) fail(path, "must be a non-empty object");
  for (const auto& [type, entry] : doc.items())
    out.volume_gb_month.emplace(type, figure(ctx, entry, path + "." + type));
}

sim::RegionPrices read_region(const Context& ctx, const json& r, const std::string& path,
                              const sim::Fixtures& fixtures) {
  sim::RegionPrices out;
  out.usage_prefix = string_member(r, path, "usage_prefix");
  out.transfer_code = string_member(r, path, "transfer_code");
  if (out.transfer_code.empty()) fail(path + ".transfer_code", "must not be empty");
  for (const char* key : {"usage_prefix_source", "transfer_code_source"}) {
    if (r.contains(key)) check_source(ctx, r, path, key);
  }
  out.snapshot_standard_gb_month = figure_at(ctx, r, path, "snapshot_standard_gb_month");
  out.snapshot_archive_gb_month = figure_at(ctx, r, path, "snapshot_archive_gb_month");
  out.archive_retrieval_gb = figure_at(ctx, r, path, "archive_retrieval_gb");
  out.s3_standard_gb_month = figure_at(ctx, r, path, "s3_standard_gb_month");
  out.transfer_out_gb = figure_at(ctx, r, path, "transfer_out_gb");
  out.gp3_iops_month = figure_at(ctx, r, path, "gp3_iops_month");
  out.gp3_throughput_mibps_month = figure_at(ctx, r, path, "gp3_throughput_mibps_month");
  read_volumes(ctx, member(r, path, "volume_gb_month"), path + ".volume_gb_month", out);
  read_instances(ctx, member(r, path, "instances"), path + ".instances", fixtures, out);
  return out;
}

}  // namespace

std::optional<sim::MicroUsd> parse_micro_usd(std::string_view usd) {
  const auto dot = usd.find('.');
  const bool has_dot = dot != std::string_view::npos;
  const std::string_view whole = usd.substr(0, dot);
  const std::string_view fraction = has_dot ? usd.substr(dot + 1) : std::string_view{};
  if (whole.empty() || (has_dot && fraction.empty()) || fraction.size() > kFractionDigits)
    return std::nullopt;
  // Micro-dollars are the digits with the fraction padded to six places: "0.01325" -> "0013250".
  const std::string digits = std::string(whole) + std::string(fraction) +
                             std::string(kFractionDigits - fraction.size(), '0');
  constexpr sim::MicroUsd kMax = std::numeric_limits<sim::MicroUsd>::max();
  sim::MicroUsd micros = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const int digit = c - '0';
    if (micros > (kMax - digit) / 10) return std::nullopt;
    micros = micros * 10 + digit;
  }
  return micros;
}

void read_prices(const json& doc, sim::Fixtures& fixtures) {
  const json& sources = member(doc, "(top)", "sources");
  if (!sources.is_object()) fail("sources", "must be an object");
  const Context ctx{sources};
  const json& regions = member(doc, "(top)", "regions");
  if (!regions.is_object()) fail("regions", "must be an object");
  for (const auto& [name, r] : regions.items()) {
    const std::string path = "regions." + name;
    const sim::RegionName region(name);
    if (!fixtures.find_region(region)) fail(path, "not a Region of regions.json");
    fixtures.prices.regions.emplace(region, read_region(ctx, r, path, fixtures));
  }
}

}  // namespace amisim::io
