// SPDX-License-Identifier: Apache-2.0
// X.509 issuance in the SGP.22 §4.5.2.1 role profiles through OpenSSL's X509 and
// X509V3 configuration-string APIs.
#include "pki/issuer.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <utility>

#include "crypto/ossl.h"
#include "pki/eid.h"
#include "pki/extensions.h"

namespace smdp::pki {
namespace {

using crypto::Owned;
using Extension = std::pair<int, std::string>;  // NID, X509V3 configuration value

std::unexpected<Error> refused(std::string what) {
  ERR_clear_error();
  return fail(Errc::issuance_failed, std::move(what));
}

// RFC 5280 §4.1.2.5 text; ASN1_TIME_set_string_X509 then picks UTCTime up to 2049.
std::optional<std::string> time_text(TimePoint t) {
  using namespace std::chrono;
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  const int y = static_cast<int>(ymd.year());
  if (y < 1950 || y > 9999) return std::nullopt;
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02u%02d%02d%02dZ", y,
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return std::string(text);
}

const std::string* attribute(const CertificateTemplate& t, std::string_view type) {
  auto it = std::ranges::find_if(t.subject, [&](const NameAttribute& a) { return a.type == type; });
  return it == t.subject.end() ? nullptr : &it->value;
}

// Values go into comma-separated configuration strings.
bool plain(std::string_view value) {
  return std::ranges::none_of(value, [](char c) { return c == ',' || c == ' ' || c == '\n'; });
}

Result<void> check_template(const CertificateTemplate& t, const Certificate* issuer) {
  if (t.subject.empty()) return fail(Errc::invalid_argument, "empty subject");
  if (t.not_after < t.not_before) return fail(Errc::invalid_argument, "notAfter before notBefore");
  if ((t.role == Role::ci) != (issuer == nullptr)) {
    return fail(Errc::invalid_argument, "a CI is self-signed, every other role has an issuer");
  }
  if (issuer && !issuer->subject_key_identifier()) {
    return fail(Errc::invalid_argument, "issuer without subjectKeyIdentifier");
  }
  if (!plain(t.registered_id) || !plain(t.dns_name) || !std::ranges::all_of(t.crl_uris, plain)) {
    return fail(Errc::invalid_argument, "SAN or CRL value with a comma or space");
  }
  if (t.role == Role::eum && (!is_eid_prefix(t.eid_prefix) || !attribute(t, "O"))) {
    return fail(Errc::invalid_argument, "EUM needs a digit EID prefix and an O attribute");
  }
  if (t.role == Role::euicc) {
    const std::string* eid = attribute(t, "serialNumber");
    if (!eid || !is_eid(*eid))
      return fail(Errc::invalid_argument, "eUICC needs a 32-digit EID serialNumber");
  }
  if (t.role == Role::dp_tls && t.dns_name.empty())
    return fail(Errc::invalid_argument, "TLS needs a DNS name");
  return {};
}

std::vector<Extension> extensions_for(const CertificateTemplate& t) {
  // certificatePolicies has no configuration-string form without a config database,
  // so it goes in as DER. Cannot fail: the role OIDs are well-formed constants.
  const auto policies = ext::encode_certificate_policies(policy_oid(t.role));
  assert(policies);
  const std::string policy = "DER:" + to_hex(*policies);
  std::string crl;
  for (const auto& uri : t.crl_uris) crl += (crl.empty() ? "URI:" : ",URI:") + uri;
  const std::string rid = t.registered_id.empty() ? "" : "RID:" + t.registered_id;
  std::vector<Extension> e;
  auto add = [&](int nid, std::string value) {
    if (!value.empty()) e.emplace_back(nid, std::move(value));
  };
  switch (t.role) {
    case Role::ci:
      add(NID_subject_key_identifier, "hash");
      add(NID_basic_constraints, "critical,CA:TRUE");
      add(NID_certificate_policies, "critical," + policy);
      add(NID_key_usage, "critical,keyCertSign,cRLSign");
      add(NID_subject_alt_name, rid);
      add(NID_crl_distribution_points, crl);
      break;
    case Role::eum:
      add(NID_authority_key_identifier, "keyid:always");
      add(NID_subject_key_identifier, "hash");
      add(NID_key_usage, "critical,keyCertSign");
      add(NID_certificate_policies, "critical," + policy);
      add(NID_subject_alt_name, rid);
      add(NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
      add(NID_crl_distribution_points, crl);
      add(NID_name_constraints, "critical,DER:" + to_hex(ext::encode_eum_name_constraints(
                                                      *attribute(t, "O"), t.eid_prefix)));
      break;
    case Role::euicc:
      add(NID_authority_key_identifier, "keyid:always");
      add(NID_subject_key_identifier, "hash");
      add(NID_key_usage, "critical,digitalSignature");
      add(NID_certificate_policies, "critical," + policy);
      break;
    case Role::dp_auth:
    case Role::dp_pb:
      add(NID_authority_key_identifier, "keyid:always");
      add(NID_subject_key_identifier, "hash");
      add(NID_subject_alt_name, rid);
      add(NID_key_usage, "critical,digitalSignature");
      add(NID_certificate_policies, "critical," + policy);
      add(NID_crl_distribution_points, crl);
      break;
    case Role::dp_tls:
      add(NID_key_usage, "critical,digitalSignature");
      add(NID_ext_key_usage, "critical,serverAuth,clientAuth");
      add(NID_certificate_policies, policy);
      add(NID_subject_key_identifier, "hash");
      add(NID_authority_key_identifier, "keyid:always");
      add(NID_subject_alt_name, "DNS:" + t.dns_name + (rid.empty() ? "" : "," + rid));
      add(NID_crl_distribution_points, crl);
      break;
  }
  return e;
}

// A random positive serial number of 16 octets (RFC 5280 §4.1.2.2: at most 20).
Result<void> set_random_serial(X509* x, crypto::Rng& rng) {
  Bytes serial = rng.bytes(16);
  serial[0] = static_cast<std::uint8_t>((serial[0] & 0x7F) | 0x40);
  Owned<BIGNUM> bn(BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(x)))
    return refused("serial number");
  return {};
}

Result<Owned<X509_NAME>> make_name(const std::vector<NameAttribute>& attributes) {
  Owned<X509_NAME> name(X509_NAME_new());
  if (!name) return refused("X509_NAME_new");
  for (const auto& a : attributes) {
    if (X509_NAME_add_entry_by_txt(name.get(), a.type.c_str(), MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(a.value.data()),
                                   static_cast<int>(a.value.size()), -1, 0) != 1) {
      ERR_clear_error();
      return fail(Errc::invalid_argument, "subject attribute " + a.type);
    }
  }
  return name;
}

}  // namespace

Result<Certificate> issue_certificate(const CertificateTemplate& t,
                                      const crypto::EcPublicKey& subject_key,
                                      const Certificate* issuer,
                                      const crypto::EcPrivateKey& issuer_key, crypto::Rng& rng) {
  if (auto ok = check_template(t, issuer); !ok) return std::unexpected(ok.error());
  const crypto::EcPublicKey& expected_key = issuer ? issuer->public_key() : subject_key;
  if (issuer_key.public_key().point() != expected_key.point()) {
    return fail(Errc::invalid_argument, "issuer key does not belong to the issuer");
  }
  const auto not_before = time_text(t.not_before);
  const auto not_after = time_text(t.not_after);
  if (!not_before || !not_after) return fail(Errc::invalid_argument, "validity outside 1950..9999");

  Owned<X509> x(X509_new());
  if (!x || X509_set_version(x.get(), X509_VERSION_3) != 1) return refused("X509_new");
  if (auto s = set_random_serial(x.get(), rng); !s) return std::unexpected(s.error());
  auto subject = make_name(t.subject);
  if (!subject) return std::unexpected(subject.error());
  const X509_NAME* issuer_name = issuer ? X509_get_subject_name(issuer->x509()) : subject->get();
  if (X509_set_subject_name(x.get(), subject->get()) != 1 ||
      X509_set_issuer_name(x.get(), issuer_name) != 1 ||
      ASN1_TIME_set_string_X509(X509_getm_notBefore(x.get()), not_before->c_str()) != 1 ||
      ASN1_TIME_set_string_X509(X509_getm_notAfter(x.get()), not_after->c_str()) != 1 ||
      X509_set_pubkey(x.get(), subject_key.pkey()) != 1) {
    return refused("certificate fields");
  }
  X509V3_CTX ctx{};
  X509V3_set_ctx(&ctx, issuer ? issuer->x509() : x.get(), x.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] : extensions_for(t)) {
    Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || X509_add_ext(x.get(), ext.get(), -1) != 1)
      return refused(std::string(OBJ_nid2sn(nid)) + "=" + value);
  }
  if (X509_sign(x.get(), issuer_key.pkey(), EVP_sha256()) <= 0) return refused("X509_sign");

  const int len = i2d_X509(x.get(), nullptr);
  if (len <= 0) return refused("i2d_X509");
  Bytes der(static_cast<std::size_t>(len));
  unsigned char* out = der.data();
  if (i2d_X509(x.get(), &out) != len) return refused("i2d_X509");
  return Certificate::from_der(der);
}

}  // namespace smdp::pki
