// SPDX-License-Identifier: Apache-2.0
// The Certificate Issuers an SM-DP+ trusts (SGP.22 §4.5.2.1 CI certificate, §2.6.5: a CI is
// identified by its subjectKeyIdentifier, as in euiccCiPKIdListForVerification and
// euiccCiPKIdToBeUsed). Immutable once built; safe to share between threads.
#pragma once

#include <vector>

#include "pki/certificate.h"

namespace smdp::pki {

class CiSet {
 public:
  // Accepts `ci` only if it is a CI certificate: self-issued and self-signed, with a
  // subjectKeyIdentifier, cA = TRUE, keyCertSign and policy id-rspRole-ci.
  // Errors: missing_key_identifier, wrong_role, bad_signature, duplicate (same SKI).
  Result<void> add(Certificate ci);

  // The CI with this subjectKeyIdentifier, or nullptr. The pointer stays valid while
  // the set lives and is not added to.
  const Certificate* find(ByteView ski) const;
  const std::vector<Certificate>& all() const { return cis_; }
  bool empty() const { return cis_.empty(); }

  // The CI that issued `cert`: found by authorityKeyIdentifier, then
  // Certificate::verify_issued_by, and `cert` must be on the CI's curve.
  // Errors: missing_key_identifier (no AKI), unknown_ci, issuer_mismatch,
  // bad_signature, wrong_curve.
  Result<const Certificate*> issuer_of(const Certificate& cert) const;

 private:
  std::vector<Certificate> cis_;
};

}  // namespace smdp::pki
