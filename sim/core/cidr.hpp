// CIDR blocks as EC2 reads and writes them: an IPv4 block "a.b.c.d/n" (n 0-32) or an IPv6 block
// "x:x::x/n" (n 0-128). EC2 canonicalizes a block to its network address: "100.68.0.18/18" is
// kept and described as "100.68.0.0/18", and a rule naming the first is a duplicate of one naming
// the second (API reference, AuthorizeSecurityGroupIngress CidrIp; IpRange CidrIp). IPv6 blocks
// are written in RFC 5952's form (lower case, longest run of zero groups as "::").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace amisim::sim {

struct Ipv4Cidr {
  std::uint32_t address = 0;  // the network address (host bits cleared)
  int prefix_length = 0;

  std::string str() const;  // "172.31.0.0/16"
  bool contains(std::uint32_t ip) const;
};

// The block `text` names, canonicalized; nullopt when it is not "a.b.c.d/n" with four decimal
// octets 0-255 (no leading '+', no empty parts) and n 0-32.
std::optional<Ipv4Cidr> parse_ipv4_cidr(std::string_view text);

// An IPv6 block canonicalized and written back ("2001:DB8::1/64" -> "2001:db8::/64"); nullopt
// when `text` is not an IPv6 address (at most one "::", hex groups of 1-4 digits, an embedded
// dotted IPv4 tail allowed) with a prefix length 0-128.
std::optional<std::string> canonical_ipv6_cidr(std::string_view text);

}  // namespace amisim::sim
