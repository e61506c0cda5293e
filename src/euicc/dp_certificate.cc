// SPDX-License-Identifier: Apache-2.0
// The eUICC's checks of CERT.DPauth.ECDSA and CERT.DPpb.ECDSA (SGP.22 §4.5.2.2
// certificate verification, §4.5.2.1 SM-DP+ certificate profiles): the chain to the CI
// the card selected, validity, key usage, role policy and the SM-DP+ OID carried as
// the subjectAltName registeredID.
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "euicc/card_impl.h"
#include "pki/errors.h"

namespace smdp::euicc {
namespace {

// The contents octets of the only registeredID in subjectAltName; nullopt if there
// is none or more than one.
std::optional<Bytes> registered_id(X509* x509) {
  int crit = 0;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x509, NID_subject_alt_name, &crit, nullptr));
  if (names == nullptr) return std::nullopt;
  std::optional<Bytes> found;
  bool ambiguous = false;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type != GEN_RID) continue;
    const ASN1_OBJECT* oid = name->d.registeredID;
    const unsigned char* data = OBJ_get0_data(oid);
    const std::size_t len = OBJ_length(oid);
    if (found || data == nullptr || len == 0) ambiguous = true;
    found = Bytes(data, data + len);
  }
  GENERAL_NAMES_free(names);
  if (ambiguous) return std::nullopt;
  return found;
}

}  // namespace

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
  auto oid = registered_id(cert->x509());
  if (!oid) return std::unexpected(DpCertificateFault::no_smdp_oid);
  return CheckedDpCertificate{std::move(*cert), std::move(*oid)};
}

}  // namespace smdp::euicc
