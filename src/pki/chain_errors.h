// SPDX-License-Identifier: Apache-2.0
// Why an eUICC certificate chain was refused in ES9+.AuthenticateClient (SGP.22
// §5.6.3, the checks of CERT.EUM.ECDSA and CERT.EUICC.ECDSA; certificate profiles in
// §4.5.2), and the Subject Code / Reason Code pair the SM-DP+ returns for each, as
// listed among that function's error codes.
#pragma once

#include <string_view>

#include "base/error.h"

namespace smdp::pki {

enum class ChainErrc {
  eum_malformed = 1,      // CERT.EUM.ECDSA is not a strict-DER X.509 EC certificate
  eum_invalid,            // bad signature, no AKI, not a CA, no keyCertSign, no
                          // id-rspRole-eum, no EID name constraint, not yet valid
  eum_expired,            // now > notAfter of CERT.EUM.ECDSA
  eum_wrong_curve,        // EUM key not on the CI's curve
  euicc_malformed,        // CERT.EUICC.ECDSA is not a strict-DER X.509 EC certificate
  euicc_invalid,          // not signed by the EUM, no digitalSignature, no
                          // id-rspRole-euicc, no 32-digit EID, not yet valid
  euicc_expired,          // now > notAfter of CERT.EUICC.ECDSA
  euicc_wrong_curve,      // eUICC key not on the CI's curve
  eid_outside_eum_range,  // the EID does not start with a permitted EID prefix of the EUM
  ci_unknown,             // the EUM's AKI names no known CI, or not the selected one
  eid_mismatch,           // the EID is not the one the profile is bound to
};

// SGP.22 status code pair, e.g. {"8.1.2", "6.1"}.
struct StatusCode {
  std::string_view subject_code;
  std::string_view reason_code;
  friend bool operator==(const StatusCode&, const StatusCode&) = default;
};

//   eum_malformed, eum_invalid, eum_wrong_curve        8.1.2  / 6.1  EUM certificate invalid
//   eum_expired                                        8.1.2  / 6.3  EUM certificate expired
//   euicc_malformed, euicc_invalid, euicc_wrong_curve,
//   eid_outside_eum_range                              8.1.3  / 6.1  eUICC certificate invalid
//   euicc_expired                                      8.1.3  / 6.3  eUICC certificate expired
//   ci_unknown                                         8.11.1 / 3.9  CI public key unknown
//   eid_mismatch                                       8.1.1  / 3.8  EID refused (mismatch)
StatusCode status_code(ChainErrc e);

}  // namespace smdp::pki
SMDP_DECLARE_ERROR_ENUM(smdp::pki, ChainErrc)
