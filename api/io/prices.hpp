// fixtures/prices.json -> sim::Prices (sim/core/prices.hpp). The file is written by
// scripts/gen_prices.py: per Region, usage-type codes and USD figures as decimal strings, each
// figure an object {"usd": "0.0104", "source": "<key of the top-level \"sources\" map>"}.
// Derived figures name the source key "derived" and explain themselves in "derivation".
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

#include "sim/core/fixtures.hpp"
#include "sim/core/prices.hpp"

namespace amisim::io {

// Exact conversion of a plain decimal USD string ("0.01325") to micro-dollars (13,250).
// Accepts digits with an optional '.' and at most 6 fraction digits; returns nullopt for anything
// else (empty, sign, exponent, a 7th decimal, overflow) rather than rounding.
std::optional<sim::MicroUsd> parse_micro_usd(std::string_view usd);

// Reads prices.json into fixtures.prices. Needs fixtures.regions and fixtures.instance_types
// already loaded: a Region or instance type they do not list is an error. Throws
// std::runtime_error naming the file and the key path of a missing or ill-formed entry.
void read_prices(const nlohmann::json& doc, sim::Fixtures& fixtures);

}  // namespace amisim::io
