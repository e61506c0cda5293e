// SPDX-License-Identifier: Apache-2.0
// Protected Profile Package (SGP.22 §2.5.5 "PPP"): the profile encrypted once under
// random Profile Protection Keys, as '86' segments, ready to be bound later to any
// eUICC by a ReplaceSessionKeys command. Binding then costs the key agreement, the
// BF23 signature and three small TLVs, whatever the profile's size.
#pragma once

#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "binding/session_keys.h"
#include "crypto/rng.h"

namespace smdp::binding {

struct ProtectedProfilePackage {
  ChannelKeys ppk;              // PPK-ENC, PPK-MAC, initial MCV: secrets, never logged
  std::vector<Bytes> segments;  // '86' TLVs under the PPK, in order
};

// Fresh random PPKs from `rng` (never constant keys), then the profile's segments.
Result<ProtectedProfilePackage> protect_profile_package(ByteView profile_package, crypto::Rng& rng);
// With given PPKs (known-answer tests, or keys recovered from an HSM).
Result<ProtectedProfilePackage> protect_profile_package(ByteView profile_package,
                                                        const ChannelKeys& ppk);

// Storage form of a ProtectedProfilePackage (to be sealed before it is stored: it holds
// the PPKs): SEQUENCE { [0] PPK-ENC, [1] PPK-MAC, [2] initial MCV, [3] the '86' TLVs }.
Bytes serialise_protected_package(const ProtectedProfilePackage& ppp);
// Errc::structure for anything else.
Result<ProtectedProfilePackage> parse_protected_package(ByteView serialised);

}  // namespace smdp::binding
