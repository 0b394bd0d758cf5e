#include "sim/core/cidr.hpp"

#include "harness.hpp"

using namespace sim;

TEST_CASE("IPv4 blocks are read strictly and canonicalized to their network address") {
  // API reference, AuthorizeSecurityGroupIngress CidrIp: 100.68.0.18/18 -> 100.68.0.0/18.
  CHECK(parse_ipv4_cidr("100.68.0.18/18")->str() == "100.68.0.0/18");
  CHECK(parse_ipv4_cidr("0.0.0.0/0")->str() == "0.0.0.0/0");
  CHECK(parse_ipv4_cidr("10.1.2.3/32")->str() == "10.1.2.3/32");
  CHECK(parse_ipv4_cidr("255.255.255.255/1")->str() == "128.0.0.0/1");
  for (const char* bad :
       {"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/", "10..0.0/8",
        "a.b.c.d/8", "10.0.0.0/8 ", " 10.0.0.0/8", "1.2.3.4.5/8", "10.0.0.0/-1", "1000.0.0.0/8"})
    CHECK_FALSE(parse_ipv4_cidr(bad));
  auto block = parse_ipv4_cidr("172.31.0.0/16");
  CHECK(block->contains((172u << 24) | (31u << 16) | 5u));
  CHECK_FALSE(block->contains((172u << 24) | (32u << 16)));
}

TEST_CASE("IPv6 blocks are canonicalized and written in RFC 5952's form") {
  CHECK(canonical_ipv6_cidr("::/0") == "::/0");
  CHECK(canonical_ipv6_cidr("2001:DB8:0:0::1/64") == "2001:db8::/64");
  CHECK(canonical_ipv6_cidr("2001:db8::1/128") == "2001:db8::1/128");
  CHECK(canonical_ipv6_cidr("2001:0db8:0000:0000:0001:0000:0000:0001/128") ==
        "2001:db8::1:0:0:1/128");
  CHECK(canonical_ipv6_cidr("1:0:0:2:0:0:0:3/128") == "1:0:0:2::3/128");
  CHECK(canonical_ipv6_cidr("::ffff:10.0.0.1/128") == "::ffff:a00:1/128");
  for (const char* bad : {"::", "2001:db8::/129", "2001:db8:::/64", "1::2::3/64", "12345::/16",
                          "g::/16", "1:2:3:4:5:6:7:8:9/64", "1:2:3:4:5:6:7/64", "10.0.0.0/8"})
    CHECK_FALSE(canonical_ipv6_cidr(bad));
}
