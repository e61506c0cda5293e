// SPDX-License-Identifier: Apache-2.0
// Verification of the eUICC certificate chain received in ES9+.AuthenticateClient
// (SGP.22 §5.6.3; EUM and eUICC certificate profiles in §4.5.2.1):
// CI -> CERT.EUM.ECDSA -> CERT.EUICC.ECDSA.
//
// Signatures are checked directly (not with X509_verify_cert): the EUM's name
// constraint is an EID prefix in the serialNumber of a permitted directoryName, which
// generic RFC 5280 name-constraint processing rejects ("permitted subtree violation").
// This function checks the prefix itself.
#pragma once

#include <optional>
#include <string>

#include "pki/certificate.h"
#include "pki/chain_errors.h"
#include "pki/ci_set.h"
#include "pki/eum_cache.h"

namespace smdp::pki {

struct EuiccChainCheck {
  TimePoint now{};
  // The CI the SM-DP+ selected (euiccCiPKIdToBeUsed, SGP.22 §5.6.1): the EUM must
  // chain to this one. nullopt: any CI of the set.
  std::optional<Bytes> selected_ci_ski{};
  // The EID the profile is bound to, if any (ES2+.DownloadOrder with an EID).
  std::optional<std::string> expected_eid{};
  // EUM certificates verified before under the same `cis` (pki/eum_cache.h): a known
  // EUM skips its parse, CI signature and role checks (steps 1, 3, 5), never its
  // validity or the selected CI. nullptr: verify everything.
  VerifiedEumCache* eum_cache = nullptr;
};

struct VerifiedEuicc {
  Certificate eum;
  Certificate euicc;
  const Certificate* ci = nullptr;  // points into the CiSet given to verify_euicc_chain
  std::string eid;                  // 32 digits, from the eUICC subject serialNumber
  const crypto::EcPublicKey& public_key() const { return euicc.public_key(); }  // PK.EUICC.ECDSA
};

// Checks, in this order, stopping at the first failure (ChainErrc in the Error code,
// detail in its context):
//  1. both certificates parse strictly             -> eum_malformed / euicc_malformed
//  2. EUM: AKI names a CI of `cis` (and the selected
//     one if given)                                 -> ci_unknown (no AKI: eum_invalid)
//  3. EUM: issuer name and signature by that CI     -> eum_invalid
//     EUM key on the CI's curve                     -> eum_wrong_curve
//  4. EUM: notBefore <= now <= notAfter             -> eum_invalid / eum_expired
//  5. EUM: cA, keyCertSign, id-rspRole-eum, an EID
//     prefix name constraint, no unknown critical
//     extension                                     -> eum_invalid
//  6. eUICC: AKI, issuer name and signature by EUM  -> euicc_invalid
//     eUICC key on the CI's curve                   -> euicc_wrong_curve
//  7. eUICC: validity                               -> euicc_invalid / euicc_expired
//  8. eUICC: digitalSignature, id-rspRole-euicc, a
//     32-digit EID, no unknown critical extension   -> euicc_invalid
//  9. EID starts with a permitted prefix of the EUM -> eid_outside_eum_range
// 10. EID equals check.expected_eid if given        -> eid_mismatch
// Validity is checked before role extensions so an expired certificate reports
// "expired" (SGP.26's expired EUM also carries the wrong policy). The EID check digits
// are not checked.
Result<VerifiedEuicc> verify_euicc_chain(const CiSet& cis, ByteView eum_der, ByteView euicc_der,
                                         const EuiccChainCheck& check);

}  // namespace smdp::pki
