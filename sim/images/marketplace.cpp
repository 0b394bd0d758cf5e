// AWS Marketplace subscriptions and checks (sim/images/marketplace.hpp).
#include "sim/images/marketplace.hpp"

#include <algorithm>

namespace amisim::sim {

bool MarketplaceProduct::supports(const std::string& instance_type) const {
  // An image file's product (api/io/catalog.hpp) lists no types: the seller's list is unknown.
  return instance_types.empty() || std::find(instance_types.begin(), instance_types.end(),
                                             instance_type) != instance_types.end();
}

const MarketplaceProduct* Fixtures::find_product(const std::string& code) const {
  for (const auto& p : marketplace) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

Status subscribe(World& world, const AccountId& account, const std::string& product_code) {
  if (!world.fixtures().find_product(product_code))
    return errors::unknown_marketplace_product(product_code);
  world.ensure_account(account);
  world.marketplace_subscriptions().insert({account, product_code});
  return ok_status();
}

Status unsubscribe(World& world, const AccountId& account, const std::string& product_code) {
  if (!world.fixtures().find_product(product_code))
    return errors::unknown_marketplace_product(product_code);
  world.ensure_account(account);
  world.marketplace_subscriptions().erase({account, product_code});
  return ok_status();
}

bool is_subscribed(const World& world, const AccountId& account, const std::string& product_code) {
  return world.marketplace_subscriptions().count({account, product_code}) != 0;
}

bool has_marketplace_code(const Image& image) {
  return std::any_of(image.traits.product_codes.begin(), image.traits.product_codes.end(),
                     [](const ProductCode& c) { return c.type == "marketplace"; });
}

Status check_marketplace_launch(const World& world, const Caller& caller, const Image& image,
                                const std::string& instance_type) {
  for (const ProductCode& c : image.traits.product_codes) {
    if (c.type != "marketplace") continue;
    if (!is_subscribed(world, caller.account, c.code))
      return errors::marketplace_opt_in_required(c.code);
  }
  for (const ProductCode& c : image.traits.product_codes) {
    if (c.type != "marketplace") continue;
    const MarketplaceProduct* product = world.fixtures().find_product(c.code);
    if (!product) continue;  // unreachable: subscriptions name known products only
    if (!product->offered_in(caller.region) || !product->supports(instance_type))
      return errors::marketplace_unsupported_configuration();
  }
  return ok_status();
}

Status check_marketplace_copy(const Image& source, const AccountId& caller) {
  if (source.owner == caller) return ok_status();
  if (has_marketplace_code(source)) return errors::marketplace_copy_denied();
  if (!source.traits.billing_products->empty() && !source.is_public)
    return errors::billing_product_copy_denied();
  return ok_status();
}

}  // namespace amisim::sim
