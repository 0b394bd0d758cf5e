// Image files (`--images FILE`, a scenario's "images", FixtureOptions::image_files): catalogue
// images a user brings, in DescribeImages' shape, added to the built-in catalogue or replacing it
// (README "Your own image catalogue"). The format:
//
//   {"Regions": ["us-east-1"] | "*",          where images that name none exist ("*": every Region)
//    "Images": [{"ImageId": "ami-12c6146b", "OwnerId": "801119661308", "Name": "...", ...
//                "Region": "eu-west-1" | "Regions": [...] | "*",     this image's, if given
//                "SsmParameter": "/aws/service/...",                 amisim: its public parameter
//                "RootUsedMiB": 1024}]}                              amisim: data on its root
//
// Every Image member of DescribeImages is accepted. Those amisim models are loaded (ImageId,
// OwnerId, ImageOwnerAlias, Name, Description, Architecture, Platform, PlatformDetails,
// UsageOperation, ImageLocation, ImageType, RootDeviceName, RootDeviceType, VirtualizationType,
// Hypervisor, SriovNetSupport, EnaSupport, BootMode, TpmSupport, ImdsSupport, FreeTierEligible,
// CreationDate, DeprecationTime, Public, ProductCodes, Tags, and the root device's
// BlockDeviceMappings entry); a private image may list "LaunchPermissions" ([{"UserId": ...}],
// DescribeImageAttribute's shape). State must be "available"; the members amisim keeps itself
// (StateReason, LastLaunchedTime, ImageAllowed, SourceInstanceId, SourceImageId,
// SourceImageRegion, DeregistrationProtection, KernelId, RamdiskId) are ignored. Anything else is
// refused, so a misspelt member is not silently lost ("$comment" is allowed, in the file and in
// each image, for notes such as a source).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/core/fixtures.hpp"

namespace amisim::io {

// Adds the images of one image file (JSON text) to `fixtures`. `source` names the file in
// messages. Throws std::runtime_error with one line — "<source>: Images[3] (ami-...): <problem>"
// — when the file is malformed or an entry is invalid or collides with an image already there;
// `fixtures` is then unchanged.
void add_image_file(sim::Fixtures& fixtures, std::string_view json_text, std::string_view source);

// Removes the built-in catalogue: every image, and the Marketplace products (their AMIs go with
// it). What `--images-replace` does before the files are read.
void clear_catalogue(sim::Fixtures& fixtures);

// Reads `path` and adds it as add_image_file does; the message names `path`.
void add_image_file_at(sim::Fixtures& fixtures, const std::string& path);

}  // namespace amisim::io
