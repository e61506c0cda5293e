// SPDX-License-Identifier: Apache-2.0
// The eUICC's checks of CERT.DPauth.ECDSA and CERT.DPpb.ECDSA (SGP.22 §4.5.2.2
// certificate verification, §4.5.2.1 SM-DP+ certificate profiles): the chain to the CI
// the card selected, validity, key usage, role policy and the SM-DP+ OID carried as
// the subjectAltName registeredID.
#include "asn1/common.h"
#include "euicc/card_impl.h"
#include "pki/errors.h"

namespace smdp::euicc {
std::expected<CheckedDpCertificate, DpCertificateFault> check_dp_certificate(
    ByteView der, const pki::Certificate& ci, pki::Role role, pki::TimePoint now) {
  auto cert = pki::Certificate::from_der(der);
  if (!cert) {
    return std::unexpected(cert.error().code == pki::Errc::unsupported_key
                               ? DpCertificateFault::unsupported_curve
                               : DpCertificateFault::malformed);
  }
  if (!cert->verify_issued_by(ci)) return std::unexpected(DpCertificateFault::not_issued_by_ci);
  if (cert->validity_at(now) != pki::Validity::valid) {
    return std::unexpected(DpCertificateFault::not_valid_now);
  }
  const auto usage = cert->key_usage();
  if (!usage || *usage != static_cast<std::uint32_t>(pki::KeyUsage::digital_signature) ||
      cert->is_ca() || cert->has_unhandled_critical_extension()) {
    return std::unexpected(DpCertificateFault::wrong_usage);
  }
  if (cert->policy_oids().size() != 1 || !cert->has_policy(role)) {
    return std::unexpected(DpCertificateFault::wrong_role);
  }
  const std::optional<std::string>& registered_id = cert->registered_id();
  if (!registered_id) return std::unexpected(DpCertificateFault::no_smdp_oid);
  auto oid = asn1::oid_from_text(*registered_id);
  if (!oid) return std::unexpected(DpCertificateFault::no_smdp_oid);
  return CheckedDpCertificate{std::move(*cert), std::move(*oid)};
}

}  // namespace smdp::euicc
