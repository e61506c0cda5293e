// SPDX-License-Identifier: Apache-2.0
#include "core/precompute.h"

#include "binding/protected_profile.h"

namespace smdp::core {

Result<int> precompute_protected_packages(Store& store, InventoryStore& inventory,
                                          ProfileSource& profiles, const ProfileTypeRecord& type,
                                          crypto::Rng& rng, const Clock& clock) {
  if (type.precompute <= 0) return 0;
  auto pending = inventory.profiles_to_precompute(type.name, ProfileState::available,
                                                  static_cast<std::size_t>(type.precompute));
  if (!pending) return std::unexpected(pending.error());
  int computed = 0;
  for (ProfileRecord& profile : *pending) {
    auto ppp = profiles.protect(profile, rng);
    if (!ppp) return std::unexpected(ppp.error());
    auto sealed = profiles.seal_protected_package(profile, *ppp, rng);
    if (!sealed) return std::unexpected(sealed.error());
    profile.protected_package = std::move(*sealed);
    profile.updated_at = clock.now();
    if (auto u = store.update(nullptr, &profile); !u) {
      if (u.error().code == StoreErrc::conflict) continue;  // ordered meanwhile
      return std::unexpected(u.error());
    }
    ++computed;
  }
  return computed;
}

}  // namespace smdp::core
