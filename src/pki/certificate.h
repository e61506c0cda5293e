// SPDX-License-Identifier: Apache-2.0
// An X.509 certificate of the eSIM PKI (SGP.22 §4.5.2.1), parsed once and immutable:
// safe to copy (the OpenSSL handle is shared) and to use from several threads.
//
// Parsing is strict: the input must be exactly one DER SEQUENCE whose every
// constructed element is DER (der::validate_tree), OpenSSL must consume all of it and
// re-encode it unchanged, validity times must be UTCTime/GeneralizedTime in RFC 5280
// form, the key must be EC on P-256 or brainpoolP256r1, and the extensions an SM-DP+
// interprets (SKI, AKI, policies, name constraints) must be well formed. Nothing is
// checked about the role or the issuer here: that is CiSet, verify_euicc_chain and
// CertificateSet.
#pragma once

#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/ec.h"
#include "crypto/hash.h"
#include "pki/errors.h"
#include "pki/roles.h"

namespace smdp::pki {

// Seconds since the epoch, 64-bit: covers GeneralizedTime up to 9999-12-31 (the SGP.26
// eUICC certificate expires in 7496). Never converted through time_t.
using TimePoint = std::chrono::sys_seconds;

// keyUsage bits (RFC 5280 §4.2.1.3), as OpenSSL's KU_* values.
enum class KeyUsage : std::uint32_t {
  digital_signature = 0x80,
  non_repudiation = 0x40,
  key_encipherment = 0x20,
  data_encipherment = 0x10,
  key_agreement = 0x08,
  key_cert_sign = 0x04,
  crl_sign = 0x02,
};

enum class Validity { not_yet_valid, valid, expired };

class Certificate {
 public:
  static Result<Certificate> from_der(ByteView der);
  // One "CERTIFICATE" PEM block; its contents go through from_der.
  static Result<Certificate> from_pem(std::string_view pem);
  // DER or PEM (detected by the "-----BEGIN" marker). Errors name the path.
  static Result<Certificate> from_file(const std::string& path);

  // The exact bytes parsed: what SGP.22 messages carry and signatures cover.
  const Bytes& der() const { return der_; }
  // SHA-256 of der(): a cache key.
  const crypto::Sha256Digest& fingerprint() const { return fingerprint_; }
  // RFC 2253 text, e.g. "CN=EUM Test,O=RSP Test EUM,C=ES".
  const std::string& subject() const { return subject_; }
  const std::string& issuer() const { return issuer_; }
  // The subject's (last) commonName, UTF-8; nullopt if it has none.
  std::optional<std::string> common_name() const;
  // subjectKeyIdentifier; nullopt if absent.
  const std::optional<Bytes>& subject_key_identifier() const { return ski_; }
  // keyIdentifier of authorityKeyIdentifier; nullopt if absent.
  const std::optional<Bytes>& authority_key_identifier() const { return aki_; }
  TimePoint not_before() const { return not_before_; }
  TimePoint not_after() const { return not_after_; }
  // notBefore <= now <= notAfter (RFC 5280 §4.1.2.5: both bounds inclusive).
  Validity validity_at(TimePoint now) const;
  const crypto::EcPublicKey& public_key() const { return public_key_; }
  crypto::Curve curve() const { return public_key_.curve(); }
  // OR of KeyUsage bits; nullopt without the keyUsage extension.
  std::optional<std::uint32_t> key_usage() const { return key_usage_; }
  // The extension is present and allows `u`.
  bool allows(KeyUsage u) const;
  // basicConstraints cA = TRUE.
  bool is_ca() const;
  // Dotted certificatePolicies OIDs; empty without the extension.
  const std::vector<std::string>& policy_oids() const { return policies_; }
  bool has_policy(Role role) const;
  // Subject serialNumber attribute: the EID of an eUICC certificate (SGP.22
  // §4.5.2.1, eUICC certificate). nullopt unless the subject has exactly one.
  const std::optional<std::string>& eid() const { return eid_; }
  // EUM name constraint (SGP.22 §4.5.2.1, EUM certificate): the serialNumber of each permitted
  // directoryName, an EID prefix such as "89049032". Empty without the extension.
  const std::vector<std::string>& permitted_eid_prefixes() const { return eid_prefixes_; }
  // The registeredID of subjectAltName (dotted), e.g. the SM-DP+ OID of CERT.DPauth.
  const std::optional<std::string>& registered_id() const { return registered_id_; }
  // Criticality of the extension with this OpenSSL NID; nullopt if absent.
  std::optional<bool> extension_critical(int nid) const;
  // A critical extension OpenSSL does not know (RFC 5280 §4.2: must be rejected).
  bool has_unhandled_critical_extension() const;

  // The ecdsa-with-SHA256 signature (SGP.22 §2.6.5) verifies under `key`.
  bool signature_verifies(const crypto::EcPublicKey& key) const;
  // Checks that `issuer` issued this certificate: our authorityKeyIdentifier equals
  // its subjectKeyIdentifier (both required), our issuer name equals its subject, and
  // its key verifies our ecdsa-with-SHA256 signature (SGP.22 §2.6.5). Does not check
  // validity, roles or curves.
  // Errors: missing_key_identifier, issuer_mismatch, bad_signature.
  Result<void> verify_issued_by(const Certificate& issuer) const;

  // Read-only OpenSSL view, for what this class does not expose. Do not modify.
  X509* x509() const { return x509_.get(); }

 private:
  Certificate(std::shared_ptr<X509> x509, Bytes der, crypto::EcPublicKey key)
      : x509_(std::move(x509)), der_(std::move(der)), public_key_(std::move(key)) {}

  std::shared_ptr<X509> x509_;
  Bytes der_;
  crypto::EcPublicKey public_key_;
  crypto::Sha256Digest fingerprint_{};
  std::string subject_;
  std::string issuer_;
  std::optional<Bytes> ski_;
  std::optional<Bytes> aki_;
  TimePoint not_before_{};
  TimePoint not_after_{};
  std::optional<std::uint32_t> key_usage_;
  std::vector<std::string> policies_;
  std::optional<std::string> registered_id_;
  std::optional<std::string> eid_;
  std::vector<std::string> eid_prefixes_;
};

}  // namespace smdp::pki
