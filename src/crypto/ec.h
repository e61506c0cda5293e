// SPDX-License-Identifier: Apache-2.0
// Elliptic-curve keys for SGP.22 (§2.6.5): NIST P-256 and brainpoolP256r1 only.
// ECDSA with SHA-256 in SGP.22's raw form r||s (64 bytes, as carried in '5F37 40'),
// and ECKA-EG/ECDH giving the x-coordinate of the shared point (BSI TR-03111 §4.3.1).
// Keys are immutable after construction and safe to share between threads.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/errors.h"
#include "crypto/ossl.h"
#include "crypto/rng.h"

namespace smdp::crypto {

enum class Curve { nist_p256, brainpool_p256r1 };

std::string_view curve_name(Curve c);  // "prime256v1" / "brainpoolP256r1" (OpenSSL names)
// By OpenSSL group name or NID-name alias (P-256, secp256r1, prime256v1, brainpoolP256r1).
Result<Curve> curve_from_name(std::string_view name);

using RawSignature = std::array<std::uint8_t, 64>;  // r || s, each 32 bytes big-endian

// DER ECDSA-Sig-Value (RFC 3279) <-> raw r||s.
Result<Bytes> raw_to_der_signature(ByteView raw);
Result<RawSignature> der_to_raw_signature(ByteView der);

class EcPublicKey {
 public:
  // From an uncompressed point 04||X||Y on `curve`; rejects points not on the curve.
  static Result<EcPublicKey> from_point(Curve curve, ByteView point);
  // From an OpenSSL key (e.g. a certificate's); rejects other key types and curves.
  static Result<EcPublicKey> from_pkey(EVP_PKEY* pkey);
  static Result<EcPublicKey> from_pem(std::string_view pem);

  Curve curve() const { return curve_; }
  // Uncompressed point 04||X||Y (65 bytes).
  const Bytes& point() const { return point_; }
  // ECDSA-SHA256 verification of a raw r||s signature. False on any mismatch.
  bool verify(ByteView message, ByteView raw_signature) const;
  EVP_PKEY* pkey() const { return pkey_.get(); }

 private:
  friend class EcPrivateKey;
  EcPublicKey(Curve c, std::shared_ptr<EVP_PKEY> k, Bytes point)
      : curve_(c), pkey_(std::move(k)), point_(std::move(point)) {}
  Curve curve_;
  std::shared_ptr<EVP_PKEY> pkey_;
  Bytes point_;
};

class EcPrivateKey {
 public:
  // Fresh key pair: the scalar is drawn from `rng` (rejection sampling in [1, n-1]),
  // so a recorded RNG reproduces one-time keys.
  static Result<EcPrivateKey> generate(Curve curve, Rng& rng);
  // From a 32-byte big-endian scalar.
  static Result<EcPrivateKey> from_scalar(Curve curve, ByteView scalar);
  // PEM "EC PRIVATE KEY" (SEC1) or "PRIVATE KEY" (PKCS#8) on one of our curves. An
  // encrypted PEM (PKCS#8 "ENCRYPTED PRIVATE KEY", or SEC1 with Proc-Type ENCRYPTED)
  // opens with `passphrase` only: without one it fails (invalid_key, "encrypted ...: no
  // pass-phrase given"), never prompting on a terminal. The file's bytes are wiped.
  static Result<EcPrivateKey> from_pem(std::string_view pem, std::string_view passphrase = {});
  static Result<EcPrivateKey> from_pem_file(const std::string& path,
                                            std::string_view passphrase = {});
  // An OpenSSL key object whose private part may live elsewhere (a PKCS#11 token's,
  // crypto/pkcs11.h): it signs through OpenSSL; its public point is read from it.
  static Result<EcPrivateKey> from_pkey(std::shared_ptr<EVP_PKEY> pkey);

  Curve curve() const { return pub_.curve(); }
  const EcPublicKey& public_key() const { return pub_; }
  // ECDSA-SHA256 over `message`, raw r||s.
  Result<RawSignature> sign(ByteView message) const;
  // ECDH with the peer's uncompressed point on the same curve: x-coordinate (32 bytes).
  Result<Bytes> ecdh(ByteView peer_point) const;
  // PKCS#8 PEM, for writing key files (the pki command).
  std::string to_pem() const;
  EVP_PKEY* pkey() const { return pkey_.get(); }
  // The key object, shared (the TLS server and client use it without exporting it).
  std::shared_ptr<EVP_PKEY> shared_pkey() const { return pkey_; }
  // With a label, each sign() is counted under it (base/key_use.h).
  void set_label(std::string label) { label_ = std::move(label); }
  const std::string& label() const { return label_; }

 private:
  EcPrivateKey(std::shared_ptr<EVP_PKEY> k, EcPublicKey pub)
      : pkey_(std::move(k)), pub_(std::move(pub)) {}
  std::shared_ptr<EVP_PKEY> pkey_;
  EcPublicKey pub_;
  std::string label_;
};

}  // namespace smdp::crypto
