// From the IpPermissions a caller gives to checked, canonical rules (security_group_rules.hpp).
// Sources: the API reference's IpPermission, IpRange, UserIdGroupPair and
// AuthorizeSecurityGroupIngress pages; the quoted refusals are in errors_security_groups.cpp.
#include <fmt/format.h>

#include "sim/core/cidr.hpp"
#include "sim/core/text.hpp"
#include "sim/instances/detail.hpp"

namespace amisim::sim {
namespace {

// The protocols EC2 names, by number (IANA): a number given for one is described by its name
// ([3p] mulgadc/spinifex#946 reports EC2 answering "tcp" for 6). [?] Names in any letter case.
struct NamedProtocol {
  std::string_view name;
  std::string_view number;
};
constexpr NamedProtocol kNamedProtocols[] = {
    {"tcp", "6"}, {"udp", "17"}, {"icmp", "1"}, {"icmpv6", "58"}};

std::optional<std::string> canonical_protocol(const std::string& given) {
  if (given == "-1") return given;
  std::string lower;
  for (char c : given) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  for (const auto& p : kNamedProtocols)
    if (lower == p.name || lower == p.number) return std::string(p.name);
  if (lower.empty() || lower.size() > 3) return std::nullopt;
  int number = 0;
  for (char c : lower) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  if (number > 255) return std::nullopt;
  return std::to_string(number);  // "050" -> "50"
}

// tcp and udp: both ports 0-65535, from <= to. A missing start port reads as -1, a missing end
// port is "must specify both" (both as [obs] in errors_security_groups.cpp).
Status check_tcp_udp(std::optional<int> from, std::optional<int> to) {
  if (!to) return errors::ports_required("TCP/UDP");
  const int f = from.value_or(-1);
  if (f < 0 || f > 65535) return errors::port_out_of_range(f);
  if (*to < 0 || *to > 65535) return errors::port_out_of_range(*to);
  if (f > *to) return errors::port_range_reversed(f, *to);
  return ok_status();
}

// ICMP type and code: -1 (all) or 0-255; all types means all codes (IpPermission ToPort).
Status check_icmp(int type, int code) {
  if (type < -1 || type > 255) return errors::icmp_type_out_of_range(type);
  if (code < -1 || code > 255 || (type == -1 && code != -1))
    return errors::icmp_code_out_of_range(code);
  return ok_status();
}

std::string protocol_words(const SecurityGroupRule& r) {
  if (r.protocol == "-1") return "ALL";
  if (r.protocol == "tcp" || r.protocol == "udp")
    return fmt::format("{}, from port: {}, to port: {}", r.protocol == "tcp" ? "TCP" : "UDP",
                       r.from_port, r.to_port);
  // [?] no capture shows an ICMP rule's words; the TCP form with ICMP's names.
  if (r.protocol == "icmp" || r.protocol == "icmpv6")
    return fmt::format("{}, type: {}, code: {}", r.protocol == "icmp" ? "ICMP" : "ICMPv6",
                       r.from_port, r.to_port);
  return "protocol: " + r.protocol;
}

Result<SecurityGroupRule> with_peer(const SecurityGroupRule& base, const PeerSpec& peer,
                                    Status (*set)(SecurityGroupRule&, const std::string&)) {
  SecurityGroupRule rule = base;
  if (auto s = set(rule, peer.value); !s) return s.error();
  if (auto s = check_rule_description(peer.description); !s) return s.error();
  rule.description = peer.description;
  return rule;
}

// Adds the rules of one list of peers of a permission to `out`.
Status add_peers(std::vector<SecurityGroupRule>& out, const SecurityGroupRule& base,
                 const std::vector<PeerSpec>& peers,
                 Status (*set)(SecurityGroupRule&, const std::string&)) {
  for (const PeerSpec& peer : peers) {
    auto rule = with_peer(base, peer, set);
    if (!rule) return rule.error();
    out.push_back(std::move(*rule));
  }
  return ok_status();
}

}  // namespace

bool LegacyPermission::given() const {
  return cidr_ip || ip_protocol || from_port || to_port || source_group_name ||
         source_group_owner_id;
}

std::string rule_text(const SecurityGroupRule& r) {
  const std::string& peer = !r.cidr_ipv4.empty()        ? r.cidr_ipv4
                            : !r.cidr_ipv6.empty()      ? r.cidr_ipv6
                            : !r.prefix_list_id.empty() ? r.prefix_list_id
                                                        : r.referenced_group.str();
  return fmt::format("peer: {}, {}, ALLOW", peer, protocol_words(r));
}

namespace detail {

Status set_protocol(SecurityGroupRule& rule, const std::string& protocol,
                    std::optional<int> from_port, std::optional<int> to_port) {
  if (protocol.empty()) return errors::protocol_missing();
  auto canonical = canonical_protocol(protocol);
  if (!canonical) return errors::protocol_unknown(protocol);
  rule.protocol = *canonical;
  rule.from_port = rule.to_port = -1;  // -1 and other protocols: every port (IpPermission)
  if (rule.protocol == "tcp" || rule.protocol == "udp") {
    if (auto s = check_tcp_udp(from_port, to_port); !s) return s;
  } else if (rule.protocol == "icmp" || rule.protocol == "icmpv6") {
    // ICMPv6's type and code are optional (IpPermission IpProtocol); ICMP's are not.
    if (rule.protocol == "icmp" && (!from_port || !to_port)) return errors::ports_required("ICMP");
    if (auto s = check_icmp(from_port.value_or(-1), to_port.value_or(-1)); !s) return s;
  } else {
    return ok_status();
  }
  rule.from_port = from_port.value_or(-1);
  rule.to_port = to_port.value_or(-1);
  return ok_status();
}

Status set_cidr_ipv4(SecurityGroupRule& rule, const std::string& cidr) {
  auto block = parse_ipv4_cidr(cidr);
  if (!block) return errors::cidr_malformed(cidr);
  rule.cidr_ipv4 = block->str();
  return ok_status();
}

Status set_cidr_ipv6(SecurityGroupRule& rule, const std::string& cidr) {
  auto block = canonical_ipv6_cidr(cidr);
  if (!block) return errors::cidr_malformed(cidr);
  rule.cidr_ipv6 = *block;
  return ok_status();
}

// [?] Prefix lists are not modelled: any well-formed ID is accepted, as if the list existed.
Status set_prefix_list(SecurityGroupRule& rule, const std::string& id) {
  if (!is_well_formed_id("pl", id)) return errors::prefix_list_id_malformed(id);
  rule.prefix_list_id = id;
  return ok_status();
}

// Names resolve in the caller's default VPC (UserIdGroupPair GroupName: "[Default VPC]"); IDs
// among the caller's groups, or another account's when UserId names it. [?] amisim models no
// VPC peering: a pair naming another account and its group's ID is accepted as AWS accepts it
// across an active peering connection in the same Region (VPC peering guide, "Update your
// security groups to reference peer security groups": "include the account number"); without
// the account number another account's group is not found, as the walls between accounts say.
Status set_referenced_group(SecurityGroupRule& rule, const World& world, const Caller& caller,
                            const SecurityGroup& group, const GroupPairSpec& pair) {
  const RegionState& region = world.region_of(caller);
  const bool other_account = !pair.user_id.empty() && pair.user_id != caller.account.str();
  const SecurityGroup* peer = nullptr;
  if (!pair.group_id.empty()) {
    if (!is_well_formed_id("sg", pair.group_id)) return errors::group_id_malformed(pair.group_id);
    peer = group_by_id(region, other_account ? AccountId(pair.user_id) : caller.account,
                       pair.group_id);
    if (!peer) return errors::group_not_found(pair.group_id);
  } else if (pair.group_name.empty()) {
    return errors::source_group_id_missing();
  } else if (other_account) {
    return errors::group_not_found(pair.group_name);
  } else {
    const VpcId& vpc = default_vpc_of(world, caller);
    peer = group_by_name(region, caller.account, vpc, pair.group_name);
    if (!peer) return errors::group_name_not_found_in_vpc(pair.group_name, vpc.str());
  }
  if (!other_account && peer->vpc_id != group.vpc_id) return errors::groups_in_different_networks();
  if (auto s = check_rule_description(pair.description); !s) return s;
  rule.referenced_group = peer->id;
  rule.referenced_owner = peer->owner;
  rule.description = pair.description;
  return ok_status();
}

Result<std::vector<IpPermissionSpec>> permissions_of(const std::vector<IpPermissionSpec>& given,
                                                     const LegacyPermission& legacy) {
  if (!legacy.given()) return given;
  if (!given.empty()) {
    return errors::legacy_permission_with_ip_permissions(legacy.cidr_ip ? "CidrIp"
                                                         : legacy.ip_protocol
                                                             ? "IpProtocol"
                                                             : "SourceSecurityGroupName");
  }
  IpPermissionSpec p;
  p.protocol = legacy.ip_protocol.value_or("");
  p.from_port = legacy.from_port;
  p.to_port = legacy.to_port;
  if (legacy.cidr_ip) p.ipv4_ranges.push_back({*legacy.cidr_ip, ""});
  if (legacy.source_group_name) {
    p.group_pairs.push_back(
        {"", *legacy.source_group_name, legacy.source_group_owner_id.value_or(""), ""});
  } else if (legacy.source_group_owner_id) {
    return errors::source_group_id_missing();
  }
  if (!legacy.source_group_name || legacy.ip_protocol) return std::vector<IpPermissionSpec>{p};
  // A source group alone grants all ICMP, UDP and TCP (API reference, SourceSecurityGroupName).
  IpPermissionSpec icmp = p, tcp = p, udp = p;
  icmp.protocol = "icmp", icmp.from_port = -1, icmp.to_port = -1;
  tcp.protocol = "tcp", tcp.from_port = 0, tcp.to_port = 65535;
  udp.protocol = "udp", udp.from_port = 0, udp.to_port = 65535;
  return std::vector<IpPermissionSpec>{icmp, tcp, udp};
}

Result<std::vector<SecurityGroupRule>> rules_of(const World& world, const Caller& caller,
                                                const SecurityGroup& group, bool egress,
                                                const IpPermissionSpec& permission) {
  SecurityGroupRule base;
  base.is_egress = egress;
  if (auto s = set_protocol(base, permission.protocol, permission.from_port, permission.to_port);
      !s)
    return s.error();
  std::vector<SecurityGroupRule> out;
  if (auto s = add_peers(out, base, permission.ipv4_ranges, set_cidr_ipv4); !s) return s.error();
  if (auto s = add_peers(out, base, permission.ipv6_ranges, set_cidr_ipv6); !s) return s.error();
  if (auto s = add_peers(out, base, permission.prefix_lists, set_prefix_list); !s) return s.error();
  for (const GroupPairSpec& pair : permission.group_pairs) {
    SecurityGroupRule rule = base;
    if (auto s = set_referenced_group(rule, world, caller, group, pair); !s) return s.error();
    out.push_back(std::move(rule));
  }
  if (out.empty()) return errors::rule_source_missing();
  return out;
}

}  // namespace detail
}  // namespace amisim::sim
