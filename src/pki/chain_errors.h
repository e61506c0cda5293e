// SPDX-License-Identifier: Apache-2.0
// Why an eUICC certificate chain was refused in ES9+.AuthenticateClient (SGP.22
// §5.6.3, the checks of CERT.EUM.ECDSA and CERT.EUICC.ECDSA; certificate profiles in
// §4.5.2). The status code the SM-DP+ answers with is the procedure's decision
// (core/authenticate_client.cc).
#pragma once

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

}  // namespace smdp::pki
SMDP_DECLARE_ERROR_ENUM(smdp::pki, ChainErrc)
