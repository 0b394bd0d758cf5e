// A plan of a world to build in an amisim::World (World::build): accounts with their own images
// of various ages — deprecated, disabled, public, shared, protected from deregistration, baked
// from an AWS Marketplace product, or deregistered with their snapshots left behind — instances
// running and stopped launched from them, and launch templates whose versions name them (or an SSM
// parameter). The kind of estate a clean-up job, a
// compliance check or a cost report meets. amisim/rapidcheck.hpp draws random plans (and shrinks
// them) with RapidCheck; you can also write one by hand.
//
// The rules a plan keeps (World::build answers amisim.InvalidPlan naming the first one broken):
//   - accounts: at least one, each a distinct 12-digit account ID;
//   - an image's account is one of the plan's, its Region one enabled for every account
//     (us-east-1, eu-west-1, ...: not an opt-in Region);
//   - age_days from 0 to 3650; a deprecated image has 1 <= deprecated_after_days <= age_days;
//   - an image is not both deregistered and protected, deregistered and disabled, disabled and
//     public, or from the Marketplace and public (an image with a product code cannot be public);
//     a deregistered image has no instances; running + stopped is at most 10;
//   - image names (given or generated) are distinct within an account and Region;
//   - a template has at least one version, and each version names an image (by its index in
//     `images`) of the template's account and Region; template names are distinct within an
//     account and Region.
//
// This header needs only the standard library (C++20).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace amisim {

struct PlannedImage {
  std::string account = "123456789012";
  std::string region = "us-east-1";
  // The AMI's name; "" gives "<team>-<region>-<index in the plan>".
  std::string name;
  // How old the image is once built: it is created that many days before the build's end.
  int age_days = 0;
  bool deprecated = false;        // EnableImageDeprecation, at deprecated_after_days
  int deprecated_after_days = 0;  // its DeprecateAt, days after its creation
  bool disabled = false;          // DisableImage
  bool is_public = false;         // launch permission for "all" (block public access lifted)
  // Launch permission for another account of the plan (999988887777 when the plan has one).
  bool shared = false;
  bool protected_from_deregistration = false;  // EnableImageDeregistrationProtection
  // Deregistered at the end of the build, its snapshots left behind (a forgotten clean-up).
  bool deregistered = false;
  // Baked from an instance of an AWS Marketplace product's image (the account subscribed first),
  // so it carries the product code and its instances the software fee; from the usual base image
  // where no product of amisim's catalogue is offered on t3.micro in its Region.
  bool marketplace = false;
  int running = 0;           // instances launched from it and left running
  int stopped = 0;           // instances launched from it and stopped
  std::string team = "web";  // its "team" tag
};

struct PlannedTemplate {
  std::string account = "123456789012";
  std::string region = "us-east-1";
  std::string name;  // the launch template's name; "" gives "app-<index in the plan>"
  // One entry per version, in order (version 1 first): the index in WorldPlan::images of the
  // image that version launches (its ImageId). Version 1 is the default version.
  std::vector<std::size_t> versions;
  // One more version after those: ImageId "resolve:ssm:" and the Region's public Amazon Linux
  // 2023 parameter, as templates that follow the latest AMI have (none where amisim's catalogue
  // has no such parameter for the Region).
  bool ssm_version = false;
};

struct WorldPlan {
  std::vector<std::string> accounts;
  std::vector<PlannedImage> images;  // in any order: the build makes the oldest first
  std::vector<PlannedTemplate> templates;
};

}  // namespace amisim
