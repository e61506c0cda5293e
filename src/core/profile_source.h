// SPDX-License-Identifier: Apache-2.0
// Where a profile's package comes from when an eUICC downloads it:
// - a profile registered with its own package (`smdpp profile add`) has it stored;
// - an inventory profile is its type's template personalised with its subscription
//   values, opened from sealed_values with the data key (core/sealed_values.h);
// - either may have a pre-computed Protected Profile Package (SGP.22 §2.5.5), sealed
//   in protected_package, so that binding only pays for the key agreement.
//
// Profile types and templates never change once defined, so the decoded template of a
// type is cached for the life of the object. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "binding/protected_profile.h"
#include "core/inventory_store.h"
#include "core/store.h"
#include "crypto/rng.h"
#include "saip/package.h"

namespace smdp::core {

enum class ProfileSourceErrc {
  no_inventory = 1,  // an inventory profile, but no inventory store or data key configured
  unknown_type,      // the profile's type or its template is not stored
  corrupt,           // a sealed value does not open, or does not decode
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, ProfileSourceErrc)

namespace smdp::core {

class ProfileSource {
 public:
  // Without an inventory and a 32-byte data key, only registered packages are served.
  ProfileSource(InventoryStore* inventory, std::optional<Bytes> data_key);
  ~ProfileSource();
  ProfileSource(const ProfileSource&) = delete;
  ProfileSource& operator=(const ProfileSource&) = delete;

  // The Unprotected Profile Package of `profile`.
  Result<Bytes> package(const ProfileRecord& profile);

  // What the eligibility check measures (SAIP version, size) without opening any
  // secret: the profile's own package, or its type's template. The view stays valid
  // while `profile` and this object live.
  Result<ByteView> eligibility_package(const ProfileRecord& profile);

  // The profile's package encrypted once under fresh random PPKs (SGP.22 §2.5.5); the
  // clear package, which may hold the subscription's keys, is wiped.
  Result<binding::ProtectedProfilePackage> protect(const ProfileRecord& profile, crypto::Rng& rng);

  // The profile's pre-computed protected package, if it has one.
  Result<std::optional<binding::ProtectedProfilePackage>> protected_package(
      const ProfileRecord& profile);
  // Seals `ppp` for profile.protected_package (AES-256-GCM under the data key,
  // associated data bound to the ICCID).
  Result<Bytes> seal_protected_package(const ProfileRecord& profile,
                                       const binding::ProtectedProfilePackage& ppp,
                                       crypto::Rng& rng);

  // The type's record (cached).
  Result<ProfileTypeRecord> profile_type(std::string_view name);

 private:
  struct CachedType {
    ProfileTypeRecord type;
    Bytes template_der;
    saip::ProfilePackage decoded;
  };
  Result<std::shared_ptr<const CachedType>> cached(std::string_view name);

  InventoryStore* inventory_;
  std::optional<Bytes> data_key_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const CachedType>, std::less<>> types_;
};

}  // namespace smdp::core
