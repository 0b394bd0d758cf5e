// libFuzzer: random EC2 Query bodies through the whole gateway, in process (no socket): route,
// caller, Query parser, handlers, model, journal, XML writer. Each line of the input is one
// request body (POST /, no signature: EC2 in us-east-1 as the default account), answered in order
// by a freshly reset gateway, so later bodies can use what earlier ones made and a crash replays
// from its input alone. For every reply:
//   - it is never a 5xx (an exception escaping a handler is a defect);
//   - it parses as XML with the project's reader (protocol::read_reply, which --endpoint mode
//     uses): a success for the action the body names, or AWS's error envelope; and it holds no
//     character XML 1.0 forbids (which the reader lets through for U+FFFE and U+FFFF);
//   - when it is an error, the world's digest is what it was before the request.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "api/io/fixtures.hpp"
#include "api/protocol/query_parser.hpp"
#include "api/protocol/xml_reader.hpp"

namespace {

namespace gw = amisim::gateway;
namespace protocol = amisim::protocol;

constexpr std::size_t kMaxBodies = 16;

amisim::http::HttpRequest post(std::string_view body) {
  amisim::http::HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers.add("Host", "127.0.0.1:4566");
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  r.body = std::string(body);
  return r;
}

[[noreturn]] void fail(const char* what, std::string_view body, const std::string& reply) {
  std::fprintf(stderr, "gateway_fuzz: %s\nbody: %.*s\nreply: %s\n", what,
               static_cast<int>(body.size()), body.data(), reply.c_str());
  std::abort();
}

// The first code point of `text` that XML 1.0 forbids (§2.2 Char: #x9 | #xA | #xD |
// [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]), or -1. `text` is valid UTF-8 (the reader
// checked). The reader refuses raw control characters but not U+FFFE or U+FFFF, which expat (and
// so boto3) refuses too: checked here on every reply.
long forbidden_char(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    long cp = n == 1 ? b : b & (0x3F >> (n - 1));
    for (std::size_t k = 1; k < n && i + k < text.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                    (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!ok) return cp;
    i += n;
  }
  return -1;
}

// The gateway and the digest of its world as the last check saw it. Computing the digest is most
// of a run's cost, so it is computed once after a change and once after each error, not before
// every request.
struct Target {
  gw::Gateway gateway{amisim::io::load_fixtures(), gw::GatewayOptions{}};
  std::string digest;
  bool dirty = true;  // the world may differ from the one reset(0) makes

  void reset() {
    static std::string fresh;  // every reset(0) makes the same world
    gateway.reset(0);
    // The caller's network exists before any call, as on AWS; amisim makes it on the account's
    // first call in the Region (sim/network/network.hpp), which would otherwise count as the
    // first body's change, even for a refused one.
    gateway.handle(post("Action=DescribeVpcs&Version=2016-11-15"));
    if (fresh.empty()) fresh = gateway.world().digest();
    digest = fresh;
    dirty = false;
  }

  // One request: the checks in the header comment.
  void answer(std::string_view body) {
    const auto response = gateway.handle(post(body));
    if (response.status >= 500) fail("a 5xx reply", body, response.body);
    auto parsed = protocol::parse_query(gateway.model(), body);
    const std::string action = parsed.ok() ? parsed.value().action : "DescribeRegions";
    auto reply = protocol::read_reply(gateway.model(), action, response.body, response.status);
    const bool read = reply.ok() || reply.error().http_status != 0;  // 0: MalformedResponse
    if (read && forbidden_char(response.body) >= 0)
      fail("a reply with a character XML 1.0 forbids", body, response.body);
    if (response.status == 200) {
      if (!reply.ok()) fail("a success reply the XML reader refuses", body, response.body);
      if (amisim::ec2::mutates(action)) {
        digest = gateway.world().digest();
        dirty = true;
      }
      return;
    }
    // An error envelope reads back as the error it carries; MalformedResponse has status 0.
    if (reply.ok() || reply.error().http_status != response.status)
      fail("an error reply the XML reader cannot read as AWS's envelope", body, response.body);
    if (gateway.world().digest() != digest)
      fail("an error reply changed the world", body, response.body);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Every input starts from the same world: the gateway is reset after an input that may have
  // changed it (errors change nothing, which answer() checks; reads change nothing by design).
  static Target t;
  if (t.dirty) t.reset();
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (std::size_t n = 0; n < kMaxBodies && !rest.empty(); ++n) {
    const std::size_t end = rest.find('\n');
    t.answer(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return 0;
}
