// A small clean-up routine of the kind every AWS estate grows: deregister your own AMIs older than
// some age that nothing uses any more, and delete their snapshots (which deregistering leaves
// behind, still billed). It knows nothing of amisim: it talks to EC2 through one function, which
// production code backs with an AWS SDK client and the tests (cleanup_test.cpp) with amisim::World.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cleanup {

using Json = nlohmann::json;

// An error EC2 answered (its code, e.g. "InvalidAMIID.NotFound", and message).
struct AwsError : std::runtime_error {
  AwsError(std::string code, const std::string& message)
      : std::runtime_error(code + ": " + message), code(std::move(code)) {}
  std::string code;
};

// One EC2 call in one account and Region: the action's output, or throws AwsError.
using Ec2 = std::function<Json(const std::string& action, const Json& input)>;

// The images an account uses in a Region: those of its instances that are not terminated, and
// those every version of its launch templates names.
std::set<std::string> images_in_use(const Ec2& ec2);
// What counts as "in use" for clean_up (images_in_use, unless a test says otherwise).
using InUse = std::function<std::set<std::string>(const Ec2&)>;

struct Report {
  std::vector<std::string> deregistered;       // image IDs
  std::vector<std::string> deleted_snapshots;  // their snapshots
  std::vector<std::string> kept;               // old but in use or protected from deregistration
  std::vector<std::string> failed;             // "ami-...: <error>"
};

// Deregisters the account's own images (in the Region `ec2` calls) created more than `min_age`
// before `now` that are not in use and not protected from deregistration, and deletes each one's
// EBS snapshots.
Report clean_up(const Ec2& ec2, std::chrono::system_clock::time_point now,
                std::chrono::days min_age, const InUse& in_use = images_in_use);

}  // namespace cleanup
