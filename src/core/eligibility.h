// SPDX-License-Identifier: Apache-2.0
// Eligibility of a profile for an eUICC and device (SGP.22 §3.1.3.2 step "eligibility
// check", ES9+.AuthenticateClient 8.2.5/4.3 and 8.1/4.8): the eUICC supports the
// profile's SAIP version, has room for it, and does not forbid any of its Profile
// Policy Rules (§2.9.1, §5.6.3: EUICCInfo2.forbiddenProfilePolicyRules against the
// metadata's profilePolicyRules). DeviceInfo is accepted as the device
// sends it: a TAC-only or padded IMEI does not make a device ineligible.
#pragma once

#include <string>
#include <vector>

#include "asn1/euicc_info.h"
#include "core/rsp_server.h"

namespace smdp::core {

// The SAIP version a profile package needs: major.minor from its ProfileHeader
// (PEDefinitions: header major-version [0], minor-version [1]); nullopt when the package
// does not start with a readable header.
struct SaipVersion {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
};
std::optional<SaipVersion> profile_package_version(ByteView profile_package);

// Free non-volatile memory from EUICCInfo2.extCardResource (GlobalPlatform
// Amendment C / SGP.22 §5.7.8: tag 82 "free non volatile memory"); nullopt if absent.
std::optional<std::uint64_t> free_non_volatile_memory(ByteView ext_card_resource);

// The PPRs (PprIds: ppr1, ppr2) that the profile's metadata (StoreMetadataRequest DER)
// carries and the eUICC forbids; empty when none, or when either list is absent.
std::vector<std::string> forbidden_rules(const asn1::EUICCInfo2View& info2,
                                         ByteView profile_metadata);

// Outcome<void> with 8.2.5/4.3 (version, forbidden PPR) or 8.1/4.8 (memory) when not
// eligible.
Outcome<void> check_eligibility(const asn1::EUICCInfo2View& info2, ByteView profile_package,
                                ByteView profile_metadata);

}  // namespace smdp::core
