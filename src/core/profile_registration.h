// SPDX-License-Identifier: Apache-2.0
// Registering a downloadable profile and its order (until ES2+ exists, the operator's
// `smdpp profile add`): the profile package, its ICCID, an optional EID binding and
// confirmation code, and the activation code that lets a device download it
// (SGP.22 §4.1: "1$<SM-DP+ address>$<matchingId>[$<SM-DP+ OID>[$1]]").
#pragma once

#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"
#include "core/store.h"
#include "crypto/rng.h"
#include "saip/package.h"

namespace smdp::core {

enum class RegistrationErrc {
  invalid_package = 1,  // not a SAIP package, or it fails saip::validate()
  invalid_iccid,        // not 18-20 digits, or differs from the ProfileHeader's
  invalid_eid,          // not 32 digits
  invalid_matching_id,  // not 1..64 of [0-9A-Za-z._-]
  invalid_name,         // service provider name > 32 or profile name > 64 characters
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, RegistrationErrc)

namespace smdp::core {

struct ProfileRegistration {
  Bytes profile_package;             // SAIP DER
  std::optional<std::string> iccid;  // default: the ProfileHeader's
  std::optional<std::string> eid;    // bind the order to this eUICC
  // Default: generated (20 characters, 100 bits). An order with an EID and
  // no_matching_id is found by EID instead (default SM-DP+ flow, no activation code).
  std::optional<std::string> matching_id;
  bool no_matching_id = false;
  std::optional<std::string> confirmation_code;  // only its SHA-256 is stored
  std::string service_provider_name = "SM-DP+ demo operator";
  std::string profile_name = "Demo profile";
  int max_download_attempts = 10;
  int max_confirmation_attempts = 3;
  std::optional<std::chrono::seconds> order_ttl;  // order expiry after registration
};

// The ProfileHeader's ICCID (digits), if the package decodes and has one.
std::optional<std::string> profile_header_iccid(ByteView profile_package);
std::optional<std::string> header_iccid(const saip::ProfilePackage& package);

// Validates, builds the StoreMetadataRequest (BF25) and stores the profile as Released.
// Store errors (conflict: ICCID or matchingId exists) pass through.
Result<ProfileRecord> register_profile(Store& store, const ProfileRegistration& registration,
                                       crypto::Rng& rng, const Clock& clock);

// The activation code of a registered profile (SGP.22 §4.1), with the
// confirmation-code-required flag when it has one.
std::string activation_code(const ProfileRecord& profile, std::string_view smdp_address);

}  // namespace smdp::core
