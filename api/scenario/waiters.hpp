// The AWS SDK waiters a scenario's `wait` step names, read from
// fixtures/aws/ec2-2016-11-15.waiters.json (botocore 1.43's data/ec2/2016-11-15/waiters-2.json,
// trimmed to the operations amisim supports; see fixtures/aws/LICENSE-NOTICE.txt). Each has an
// operation, a delay in seconds, a maximum number of attempts and acceptors, evaluated as
// botocore/waiter.py does: the first acceptor that matches decides (success, failure or retry);
// when none matches and the call failed, the waiter fails with that error; after the last
// attempt it fails with "Max attempts exceeded".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/protocol/wire_error.hpp"

namespace amisim::scenario {

struct Acceptor {
  std::string state;    // "success" | "failure" | "retry"
  std::string matcher;  // "path" | "pathAll" | "pathAny" | "error"
  nlohmann::json expected;
  std::string argument;  // a waiter expression (paths.hpp); "" for "error"
};

struct Waiter {
  std::string name;       // "image_available" (boto3's snake_case of the SDK name)
  std::string sdk_name;   // "ImageAvailable"
  std::string operation;  // "DescribeImages"
  int delay_s = 15;
  int max_attempts = 40;
  std::vector<Acceptor> acceptors;
};

// The waiter called `name` ("image_available"), or nullptr.
const Waiter* find_waiter(std::string_view name);

// Every waiter's snake_case name, sorted (for error messages and the schema).
std::vector<std::string> waiter_names();

// The acceptor that matches one response (the first in order), or nullptr.
const Acceptor* matching_acceptor(const Waiter& waiter,
                                  const protocol::WireResult<nlohmann::json>& response);

// botocore's AcceptorConfig.explanation: 'For expression "Images[].State" all members matched
// expected path: "available"'.
std::string explanation(const Acceptor& acceptor);

}  // namespace amisim::scenario
