// SPDX-License-Identifier: Apache-2.0
#include "pki/subject_public_key.h"

#include <algorithm>
#include <array>

#include "der/der.h"
#include "pki/errors.h"

namespace smdp::pki {
namespace {

// DER contents of the OBJECT IDENTIFIERs (RFC 5480 §2.1.1, RFC 5639 §4.1).
constexpr std::array<std::uint8_t, 7> kEcPublicKey = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
constexpr std::array<std::uint8_t, 8> kPrime256v1 = {0x2A, 0x86, 0x48, 0xCE,
                                                     0x3D, 0x03, 0x01, 0x07};
constexpr std::array<std::uint8_t, 9> kBrainpoolP256r1 = {0x2B, 0x24, 0x03, 0x03, 0x02,
                                                          0x08, 0x01, 0x01, 0x07};
constexpr der::Tag kSequence = 0x30;
constexpr der::Tag kOid = 0x06;
constexpr der::Tag kBitString = 0x03;

std::unexpected<Error> malformed(const char* what) {
  return fail(Errc::malformed_certificate, std::string("subject public key: ") + what);
}

Result<crypto::EcPublicKey> read_spki(der::Reader& spki) {
  auto algorithm = spki.read_constructed(kSequence);
  if (!algorithm) return malformed("algorithm");
  auto key_type = algorithm->read_octets(kOid);
  auto curve_oid = key_type ? algorithm->read_octets(kOid) : key_type;
  if (!key_type || !curve_oid || !std::ranges::equal(*key_type, kEcPublicKey))
    return malformed("not an EC key");
  crypto::Curve curve{};
  if (std::ranges::equal(*curve_oid, kPrime256v1))
    curve = crypto::Curve::nist_p256;
  else if (std::ranges::equal(*curve_oid, kBrainpoolP256r1))
    curve = crypto::Curve::brainpool_p256r1;
  else
    return malformed("curve");
  auto bits = spki.read_octets(kBitString);
  if (!bits || bits->empty() || (*bits)[0] != 0) return malformed("subjectPublicKey");
  auto key = crypto::EcPublicKey::from_point(curve, bits->subspan(1));
  if (!key) return malformed("point");
  return key;
}

}  // namespace

Result<crypto::EcPublicKey> subject_public_key(ByteView certificate_der) {
  der::Reader top(certificate_der);
  auto certificate = top.read_constructed(kSequence);
  if (!certificate) return malformed("Certificate");
  auto tbs = certificate->read_constructed(kSequence);
  if (!tbs) return malformed("tbsCertificate");
  // [0] version, serialNumber, signature, issuer, validity, subject, then the key.
  if (auto version = tbs->read_optional(0xA0); !version) return malformed("version");
  for (const der::Tag skipped : {der::Tag{0x02}, kSequence, kSequence, kSequence, kSequence})
    if (!tbs->read(skipped)) return malformed("tbsCertificate fields");
  auto spki = tbs->read_constructed(kSequence);
  if (!spki) return malformed("subjectPublicKeyInfo");
  return read_spki(*spki);
}

}  // namespace smdp::pki
