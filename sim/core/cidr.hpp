// IPv4 addresses and CIDR blocks as numbers, and IPv6 blocks as EC2 writes them.
//
// IPv4: parsing AWS's text form, containment, overlap and host-name forms; the network family
// (sim/network/) keeps every address as a uint32_t and writes it back only for output.
// Security-group rules canonicalize a block to its network address: "100.68.0.18/18" is kept and
// described as "100.68.0.0/18", and a rule naming the first is a duplicate of one naming the
// second (API reference, AuthorizeSecurityGroupIngress CidrIp; IpRange CidrIp), while a VPC or
// subnet block with host bits set is refused (parse_cidr). IPv6 blocks are written in RFC 5952's
// form (lower case, longest run of zero groups as "::").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace amisim::sim {

// "172.31.0.5" -> 0xAC1F0005, or nullopt unless four decimal octets 0-255 without leading zeros.
std::optional<std::uint32_t> parse_ipv4(std::string_view text);
std::string ipv4_string(std::uint32_t address);
// "172.31.0.5" -> "172-31-0-5", the form EC2 puts in host names.
std::string ipv4_dashed(std::uint32_t address);

// A block: its first address and prefix length. `base` has no bits set below the prefix.
struct Cidr {
  std::uint32_t base = 0;
  int prefix = 32;

  std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix); }
  std::uint32_t last() const { return base + static_cast<std::uint32_t>(size() - 1); }
  bool contains(std::uint32_t address) const { return address >= base && address <= last(); }
  bool contains(const Cidr& other) const { return contains(other.base) && contains(other.last()); }
  bool overlaps(const Cidr& other) const { return base <= other.last() && other.base <= last(); }
  std::string str() const;  // "172.31.0.0/16"
  friend bool operator==(const Cidr&, const Cidr&) = default;
};

// "10.0.0.0/16" -> Cidr, or nullopt when malformed or when host bits are set ("10.0.0.1/16"),
// which EC2 refuses for VPC and subnet blocks (InvalidParameterValue, "... is not a valid CIDR";
// [?] no capture says which of the two it names).
std::optional<Cidr> parse_cidr(std::string_view text);

// The block `text` names with its host bits cleared ("100.68.0.18/18" -> 100.68.0.0/18), as a
// security-group rule keeps it; nullopt when it is not "a.b.c.d/n" with n 0-32.
std::optional<Cidr> parse_ipv4_cidr(std::string_view text);

// An IPv6 block canonicalized and written back ("2001:DB8::1/64" -> "2001:db8::/64"); nullopt
// when `text` is not an IPv6 address (at most one "::", hex groups of 1-4 digits, an embedded
// dotted IPv4 tail allowed) with a prefix length 0-128.
std::optional<std::string> canonical_ipv6_cidr(std::string_view text);

}  // namespace amisim::sim
