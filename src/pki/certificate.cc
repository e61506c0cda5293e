// SPDX-License-Identifier: Apache-2.0
// Strict X.509 parsing for the eSIM PKI (SGP.22 §4.5.2.1, RFC 5280 §4.1).
#include "pki/certificate.h"

#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>

#include "base/file.h"
#include "crypto/ossl.h"
#include "der/der.h"
#include "pki/extensions.h"

namespace smdp::pki {
namespace {

using crypto::Owned;

std::unexpected<Error> malformed(std::string context) {
  ERR_clear_error();  // OpenSSL's reasons are not ours to leave behind
  return fail(Errc::malformed_certificate, std::move(context));
}

std::string name_text(const X509_NAME* name) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return {};
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

// RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ. The
// calendar arithmetic is std::chrono's, so year 9999 is fine.
Result<TimePoint> time_point(const ASN1_TIME* t, std::string_view which) {
  const int type = ASN1_STRING_type(t);
  const int len = ASN1_STRING_length(t);
  const unsigned char* text = ASN1_STRING_get0_data(t);
  const int expected_len = type == V_ASN1_UTCTIME ? 13 : type == V_ASN1_GENERALIZEDTIME ? 15 : -1;
  if (len != expected_len || text[len - 1] != 'Z')
    return malformed(std::string(which) + " not in RFC 5280 form");
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return malformed(std::string(which));
  using namespace std::chrono;
  const year_month_day ymd{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                           day{static_cast<unsigned>(tm.tm_mday)}};
  if (!ymd.ok()) return malformed(std::string(which));
  return sys_days{ymd} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
}

// The extnValue contents of the only extension with `nid`; nullopt if absent.
Result<std::optional<ByteView>> extension_value(X509* x, int nid, std::string_view which) {
  const int index = X509_get_ext_by_NID(x, nid, -1);
  if (index < 0) return std::optional<ByteView>{};
  if (X509_get_ext_by_NID(x, nid, index) >= 0) return malformed(std::string(which) + " repeated");
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(x, index));
  return std::optional<ByteView>(
      ByteView(ASN1_STRING_get0_data(data), static_cast<std::size_t>(ASN1_STRING_length(data))));
}

// Parses the extension `nid` with `parse` into `out`, leaving `out` alone if absent.
template <class T, class Parse>
Result<void> parse_extension(X509* x, int nid, std::string_view which, Parse parse, T& out) {
  auto found = extension_value(x, nid, which);
  if (!found) return std::unexpected(found.error());
  const std::optional<ByteView> value = *found;
  if (!value) return {};
  auto parsed = parse(*value);
  if (!parsed) {
    Error e = in_context(parsed.error(), which);
    return malformed(e.message());
  }
  out = std::move(*parsed);
  return {};
}

std::optional<std::string> single_serial_number(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_serialNumber, -1);
  if (index < 0 || X509_NAME_get_index_by_NID(name, NID_serialNumber, index) >= 0)
    return std::nullopt;
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  return std::string(as_chars(
      ByteView(ASN1_STRING_get0_data(value), static_cast<std::size_t>(ASN1_STRING_length(value)))));
}

}  // namespace

Result<Certificate> Certificate::from_der(ByteView der) {
  auto top = der::parse_single(der);
  if (!top) return malformed("not a single DER element: " + top.error().message());
  if (top->tag != 0x30) return malformed("not a SEQUENCE");
  if (auto v = der::validate_tree(der); !v) return malformed("not DER: " + v.error().message());

  const unsigned char* p = der.data();
  std::shared_ptr<X509> x509(d2i_X509(nullptr, &p, static_cast<long>(der.size())), X509_free);
  if (!x509 || p != der.data() + der.size()) return malformed("not an X.509 certificate");
  const int reencoded_len = i2d_X509(x509.get(), nullptr);
  Bytes reencoded(static_cast<std::size_t>(std::max(reencoded_len, 0)));
  unsigned char* out = reencoded.data();
  if (reencoded_len <= 0 || i2d_X509(x509.get(), &out) != reencoded_len ||
      !std::ranges::equal(reencoded, der)) {
    return malformed("re-encoding differs");
  }
  // Caches the decoded standard extensions; flags an undecodable or repeated one.
  X509_check_purpose(x509.get(), -1, 0);
  if ((X509_get_extension_flags(x509.get()) & EXFLAG_INVALID) != 0)
    return malformed("invalid extension");

  EVP_PKEY* pkey = X509_get0_pubkey(x509.get());
  if (!pkey) return fail(Errc::unsupported_key, "no public key");
  auto key = crypto::EcPublicKey::from_pkey(pkey);
  if (!key) return fail(Errc::unsupported_key, key.error().message());

  Certificate c(x509, Bytes(der.begin(), der.end()), std::move(*key));
  X509* x = x509.get();
  c.fingerprint_ = crypto::sha256(der);
  c.subject_ = name_text(X509_get_subject_name(x));
  c.issuer_ = name_text(X509_get_issuer_name(x));
  auto not_before = time_point(X509_get0_notBefore(x), "notBefore");
  if (!not_before) return std::unexpected(not_before.error());
  auto not_after = time_point(X509_get0_notAfter(x), "notAfter");
  if (!not_after) return std::unexpected(not_after.error());
  c.not_before_ = *not_before;
  c.not_after_ = *not_after;

  auto optional_bytes = [](auto parse) {
    return [parse](ByteView v) -> Result<std::optional<Bytes>> {
      auto r = parse(v);
      if (!r) return std::unexpected(r.error());
      return std::optional<Bytes>(std::move(*r));
    };
  };
  if (auto r = parse_extension(x, NID_subject_key_identifier, "subjectKeyIdentifier",
                               optional_bytes(ext::parse_subject_key_identifier), c.ski_);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = parse_extension(x, NID_authority_key_identifier, "authorityKeyIdentifier",
                               ext::parse_authority_key_identifier, c.aki_);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = parse_extension(x, NID_certificate_policies, "certificatePolicies",
                               ext::parse_certificate_policies, c.policies_);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = parse_extension(x, NID_name_constraints, "nameConstraints",
                               ext::parse_permitted_eid_prefixes, c.eid_prefixes_);
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = parse_extension(x, NID_subject_alt_name, "subjectAltName", ext::parse_registered_id,
                               c.registered_id_);
      !r) {
    return std::unexpected(r.error());
  }
  if ((X509_get_extension_flags(x) & EXFLAG_KUSAGE) != 0) c.key_usage_ = X509_get_key_usage(x);
  c.eid_ = single_serial_number(X509_get_subject_name(x));
  return c;
}

Result<Certificate> Certificate::from_pem(std::string_view pem) {
  Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long len = 0;
  if (!bio || PEM_read_bio(bio.get(), &name, &header, &data, &len) != 1)
    return malformed("no PEM block");
  const bool is_cert = std::string_view(name) == PEM_STRING_X509;
  Bytes der(data, data + len);
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(data);
  if (!is_cert) return malformed("PEM block is not a CERTIFICATE");
  return from_der(der);
}

Result<Certificate> Certificate::from_file(const std::string& path) {
  auto contents = read_file(path);
  if (!contents) return fail(Errc::io_error, path);
  const std::string_view text = as_chars(*contents);
  auto cert = text.starts_with("-----BEGIN") ? from_pem(text) : from_der(*contents);
  if (!cert) return std::unexpected(in_context(cert.error(), path));
  return cert;
}

Validity Certificate::validity_at(TimePoint now) const {
  if (now < not_before_) return Validity::not_yet_valid;
  if (now > not_after_) return Validity::expired;
  return Validity::valid;
}

bool Certificate::allows(KeyUsage u) const {
  return key_usage_ && (*key_usage_ & static_cast<std::uint32_t>(u)) != 0;
}

bool Certificate::is_ca() const { return (X509_get_extension_flags(x509_.get()) & EXFLAG_CA) != 0; }

bool Certificate::has_policy(Role role) const {
  return std::ranges::find(policies_, policy_oid(role)) != policies_.end();
}

std::optional<bool> Certificate::extension_critical(int nid) const {
  const int index = X509_get_ext_by_NID(x509_.get(), nid, -1);
  if (index < 0) return std::nullopt;
  return X509_EXTENSION_get_critical(X509_get_ext(x509_.get(), index)) == 1;
}

bool Certificate::has_unhandled_critical_extension() const {
  return (X509_get_extension_flags(x509_.get()) & EXFLAG_CRITICAL) != 0;
}

Result<void> Certificate::verify_issued_by(const Certificate& issuer) const {
  if (!aki_) return fail(Errc::missing_key_identifier, "no authorityKeyIdentifier");
  if (!issuer.ski_) return fail(Errc::missing_key_identifier, "issuer has no subjectKeyIdentifier");
  if (*aki_ != *issuer.ski_)
    return fail(Errc::issuer_mismatch, "authorityKeyIdentifier " + to_hex(*aki_));
  if (X509_NAME_cmp(X509_get_issuer_name(x509_.get()), X509_get_subject_name(issuer.x509_.get())) !=
      0) {
    return fail(Errc::issuer_mismatch, "issuer name " + issuer_);
  }
  if (!signature_verifies(issuer.public_key_))
    return fail(Errc::bad_signature, "signature by " + issuer.subject_);
  return {};
}

bool Certificate::signature_verifies(const crypto::EcPublicKey& key) const {
  const bool ok = X509_get_signature_nid(x509_.get()) == NID_ecdsa_with_SHA256 &&
                  X509_verify(x509_.get(), key.pkey()) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

std::optional<std::string> Certificate::common_name() const {
  const X509_NAME* name = X509_get_subject_name(x509_.get());
  int index = -1;
  int last = -1;
  while ((index = X509_NAME_get_index_by_NID(name, NID_commonName, index)) >= 0) last = index;
  if (last < 0) return std::nullopt;
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, value);
  if (length < 0) return std::nullopt;
  std::string cn(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return cn;
}

}  // namespace smdp::pki
