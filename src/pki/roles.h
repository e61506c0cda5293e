// SPDX-License-Identifier: Apache-2.0
// Certificate roles of the eSIM PKI (SGP.22 §4.5.2.1) and their certificate policy
// OIDs (RSPDefinitions: id-rspRole = 2.23.146.1.2.1). Every SGP.22 certificate carries
// exactly the policy of its role; the SGP.26 test certificates do.
#pragma once

#include <string_view>

namespace smdp::pki {

enum class Role { ci, euicc, eum, dp_tls, dp_auth, dp_pb };

// Dotted OID of id-rspRole-<role>, e.g. "2.23.146.1.2.1.2" for the EUM.
constexpr std::string_view policy_oid(Role r) {
  switch (r) {
    case Role::ci:
      return "2.23.146.1.2.1.0";
    case Role::euicc:
      return "2.23.146.1.2.1.1";
    case Role::eum:
      return "2.23.146.1.2.1.2";
    case Role::dp_tls:
      return "2.23.146.1.2.1.3";
    case Role::dp_auth:
      return "2.23.146.1.2.1.4";
    case Role::dp_pb:
      return "2.23.146.1.2.1.5";
  }
  return {};
}

// "CI", "EUM", "eUICC", "DPtls", "DPauth", "DPpb": for messages.
constexpr std::string_view role_name(Role r) {
  switch (r) {
    case Role::ci:
      return "CI";
    case Role::euicc:
      return "eUICC";
    case Role::eum:
      return "EUM";
    case Role::dp_tls:
      return "DPtls";
    case Role::dp_auth:
      return "DPauth";
    case Role::dp_pb:
      return "DPpb";
  }
  return {};
}

}  // namespace smdp::pki
