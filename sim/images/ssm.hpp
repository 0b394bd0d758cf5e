// Public Systems Manager parameters for AMI IDs: "/aws/service/ami-amazon-linux-latest/..." and
// the like, one per catalogue family, whose value in each Region is that Region's image ID
// (aws-facts.md §3.10; EC2 UG finding-an-ami.md, "Find the latest Amazon Linux AMI using Systems
// Manager"). RunInstances accepts "resolve:ssm:NAME" or "resolve:ssm:NAME:VERSION" as ImageId and
// launches the image the parameter names (EC2 UG finding-an-ami.md, "Use a Systems Manager
// parameter to find an AMI").
//
// Only the public catalogue's parameters exist: amisim has no PutParameter, so customer
// parameters (resolve:ssm:/golden-ami) are always unknown. Each public parameter is at version 1
// and last modified when its image was created [?] (real ones have many versions, the latest
// changed with each release). Reads only: nothing here changes the World.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/fixtures.hpp"
#include "sim/core/result.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

inline constexpr std::string_view kResolveSsmPrefix = "resolve:ssm:";
inline constexpr std::int64_t kPublicParameterVersion = 1;  // [?] see above

// One public parameter in one Region, as GetParameter shows it.
struct PublicParameter {
  std::string name;      // "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  std::string value;     // the image ID in that Region
  std::string selector;  // ":1" when the request named a version, else ""
  std::int64_t version = kPublicParameterVersion;
  TimeMs last_modified = 0;
  RegionName region;
};

// The parameter `name` ("NAME" or "NAME:VERSION") in the caller's Region (the caller's account
// is not needed: public parameters are the same for everyone). ParameterNotFound for a name
// the catalogue does not have, ParameterVersionNotFound for a version other than the current.
Result<PublicParameter> find_public_parameter(const World& world, const Caller& caller,
                                              std::string_view name);

// The value (the image ID in the caller's Region) of the public parameter `name`.
Result<std::string> get_public_parameter(const World& world, const Caller& caller,
                                         std::string_view name);

// RunInstances' ImageId: "resolve:ssm:NAME[:VERSION]" becomes the image ID the parameter holds
// in the caller's Region; anything else comes back unchanged (validated later as an image ID).
// An unknown parameter fails as EC2 fails: SsmInvalidParameter.
Result<ImageId> resolve_image_reference(const World& world, const Caller& caller,
                                        std::string_view image_id_or_resolve);

}  // namespace amisim::sim
