// AWS Marketplace AMI products: per-account subscriptions and the checks EC2 makes for images
// carrying a Marketplace product code. Facts: fact sheet §3.10 (products, Regions, instance
// types), §2.4 and §1.5 (RunInstances without a subscription: OptInRequired, HTTP 401), §4
// (CopyImage across accounts refused), §3.8 (such images cannot be made public), §3.3 (CreateImage
// keeps the product codes).
//
// The products are fixture data (fixtures/marketplace.json, Fixtures::marketplace); their AMIs are
// public catalogue images owned by aws-marketplace (679593333241). A subscription is world state
// (World::marketplace_subscriptions, part of the digest); only the control plane changes it (real
// subscriptions are made on the Marketplace site, not through EC2).
#pragma once

#include <string>

#include "sim/core/result.hpp"
#include "sim/state/image.hpp"
#include "sim/state/world.hpp"

namespace amisim::sim {

// Subscribes / unsubscribes the account. Idempotent. InvalidParameterValue for a code no product
// has [?] (amisim's control plane only). The account is created if new (World::ensure_account).
Status subscribe(World& world, const AccountId& account, const std::string& product_code);
Status unsubscribe(World& world, const AccountId& account, const std::string& product_code);
bool is_subscribed(const World& world, const AccountId& account, const std::string& product_code);

// The RunInstances check for an image (any image carrying a marketplace product code: the
// product's own AMI, or one made from it by CreateImage or CopyImage), in the caller's Region with
// `instance_type`:
//   - the account is not subscribed to a code -> OptInRequired (401), real text (fact sheet §1.5);
//   - the product does not support the instance type, or is not offered in the caller's Region
//     (e.g. a same-account copy of a derived AMI into another Region) -> UnsupportedOperation
//     "The instance configuration for this AWS Marketplace product is not supported. ... supported
//     instance types, regions, and operating systems." (real code and text for unsupported
//     instance types: F5Networks/f5-aws-cloudformation#115/#117, ansible/workshops#378/#1828; that
//     the same error covers a Region the product is not offered in is inferred from the text,
//     which names regions [?]).
// Order [?]: the subscription is checked first (AWS does not document the order; a user quoted
// both errors in PaloAltoNetworks/aws-transit-vpc#1). A code no fixture product has (not
// reachable through the API: RegisterImage takes no product codes) needs a subscription, which
// cannot be made, so it always fails with OptInRequired.
Status check_marketplace_launch(const World& world, const Caller& caller, const Image& image,
                                const std::string& instance_type);

// The CopyImage check (fact sheet §4): a caller who does not own the source may not copy an image
// with a marketplace product code (every customer copy of a public product AMI, or of a derived
// AMI shared with it) -> InvalidRequest "Images from AWS Marketplace cannot be copied to another
// AWS account."; nor a non-public image with EC2 billing products (Windows, RHEL) shared from
// another account -> InvalidRequest "Images with EC2 BillingProduct codes cannot be copied to
// another AWS account." Public catalogue images with billing products (Amazon's Windows AMIs) stay
// copyable [?]: the documentation speaks of AMIs "shared with you from another account".
// Same-account copies are allowed (the 2020-11 and later text, fact sheet §4).
Status check_marketplace_copy(const Image& source, const AccountId& caller);

// True when the image carries a product code of type "marketplace".
bool has_marketplace_code(const Image& image);

}  // namespace amisim::sim
