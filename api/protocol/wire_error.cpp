#include "api/protocol/wire_error.hpp"

#include <fmt/format.h>

namespace amisim::protocol {

WireError to_wire(const sim::Error& error) {
  return {std::string(error.name()), error.message, error.http_status()};
}

namespace wire_errors {

WireError missing_action() {
  return {"MissingAction", "The request must contain the parameter Action", 400};
}

WireError invalid_action(std::string_view action) {
  return to_wire(sim::errors::invalid_action(action));
}

WireError missing_parameter(std::string_view name) {
  return to_wire(sim::errors::missing_parameter(name));
}

WireError unknown_parameter(std::string_view name) {
  return to_wire(sim::errors::unknown_parameter(name));
}

WireError invalid_value(std::string_view name, std::string_view value, std::string_view reason) {
  return to_wire(sim::errors::invalid_parameter_value(
      fmt::format("Value ({}) for parameter {} is invalid. {}", value, name, reason)));
}

WireError malformed_query(std::string_view message) {
  return {"MalformedQueryString", std::string(message), 400};
}

WireError malformed_response(std::string_view message) {
  return {"MalformedResponse", std::string(message), 0};
}

}  // namespace wire_errors
}  // namespace amisim::protocol
