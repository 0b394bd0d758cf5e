// libFuzzer: any bytes as an EC2 XML reply. The first byte picks the operation; the rest is the
// document. The reader must answer a value or an error, never crash; and whatever it accepts must
// survive the writer: read(write(read(x))) == read(x).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "api/protocol/xml_reader.hpp"
#include "api/protocol/xml_writer.hpp"

namespace {
const amisim::protocol::ServiceModel& model() {
  static const auto m = amisim::protocol::ServiceModel::load_ec2();
  return *m;
}
const std::vector<std::string>& actions() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, op] : model().operations()) out.push_back(name);
    return out;
  }();
  return names;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string& action = actions()[data[0] % actions().size()];
  std::string_view xml(reinterpret_cast<const char*>(data + 1), size - 1);
  auto reply = amisim::protocol::read_reply(model(), action, xml, 200);
  if (!reply.ok()) return 0;
  std::string written =
      amisim::protocol::write_response(model(), action, reply.value().output, "fuzz");
  auto again = amisim::protocol::read_reply(model(), action, written, 200);
  if (!again.ok() || again.value().output != reply.value().output) std::abort();
  return 0;
}
