// libFuzzer: any bytes as an EC2 Query form body. The parser must answer a value or an AWS error,
// never crash; and whatever it accepts must survive the writer: parse(write(parse(x))) ==
// parse(x), so the --endpoint client mode and the server agree on every input the server takes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/protocol/query_parser.hpp"
#include "api/protocol/query_writer.hpp"

namespace {
const amisim::protocol::ServiceModel& model() {
  static const auto m = amisim::protocol::ServiceModel::load_ec2();
  return *m;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view form(reinterpret_cast<const char*>(data), size);
  auto parsed = amisim::protocol::parse_query(model(), form);
  if (!parsed.ok()) {
    if (parsed.error().code.empty() || parsed.error().http_status < 400) std::abort();
    return 0;
  }
  auto written =
      amisim::protocol::write_query(model(), parsed.value().action, parsed.value().input);
  if (!written.ok()) std::abort();
  auto again = amisim::protocol::parse_query(model(), written.value());
  if (!again.ok() || again.value().input != parsed.value().input) std::abort();
  return 0;
}
