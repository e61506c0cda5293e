// SPDX-License-Identifier: Apache-2.0
// CI trust anchors (SGP.22 §4.5.2.1).
#include "pki/ci_set.h"

#include <algorithm>

namespace smdp::pki {

Result<void> CiSet::add(Certificate ci) {
  const auto& ski = ci.subject_key_identifier();
  if (!ski)
    return fail(Errc::missing_key_identifier, "CI without subjectKeyIdentifier: " + ci.subject());
  if (!ci.is_ca() || !ci.allows(KeyUsage::key_cert_sign) || !ci.has_policy(Role::ci)) {
    return fail(Errc::wrong_role,
                "not a CI certificate (cA, keyCertSign, id-rspRole-ci): " + ci.subject());
  }
  if (X509_NAME_cmp(X509_get_subject_name(ci.x509()), X509_get_issuer_name(ci.x509())) != 0 ||
      !ci.signature_verifies(ci.public_key())) {
    return fail(Errc::bad_signature, "CI not self-signed: " + ci.subject());
  }
  if (find(*ski)) return fail(Errc::duplicate, "CI " + to_hex(*ski));
  cis_.push_back(std::move(ci));
  return {};
}

const Certificate* CiSet::find(ByteView ski) const {
  auto it = std::ranges::find_if(cis_, [&](const Certificate& c) {
    return std::ranges::equal(*c.subject_key_identifier(), ski);
  });
  return it == cis_.end() ? nullptr : &*it;
}

Result<const Certificate*> CiSet::issuer_of(const Certificate& cert) const {
  const auto& aki = cert.authority_key_identifier();
  if (!aki)
    return fail(Errc::missing_key_identifier, "no authorityKeyIdentifier: " + cert.subject());
  const Certificate* ci = find(*aki);
  if (!ci) return fail(Errc::unknown_ci, "authorityKeyIdentifier " + to_hex(*aki));
  if (auto issued = cert.verify_issued_by(*ci); !issued) return std::unexpected(issued.error());
  if (cert.curve() != ci->curve()) {
    return fail(Errc::wrong_curve, std::string(crypto::curve_name(cert.curve())) + " key under a " +
                                       std::string(crypto::curve_name(ci->curve())) + " CI");
  }
  return ci;
}

}  // namespace smdp::pki
