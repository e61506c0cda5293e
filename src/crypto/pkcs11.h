// SPDX-License-Identifier: Apache-2.0
// Private keys in a PKCS#11 token (an HSM; SoftHSM2 in the tests), named by PKCS#11 URIs
// (RFC 7512), e.g. "pkcs11:token=smdpp;object=dpauth-nist;type=private". They come back
// as OpenSSL key objects through the libp11 engine (`libengine-pkcs11-openssl`): every
// signature (ECDSA with SHA-256: serverSignature1, smdpSignature2, the BPP's, TLS
// CertificateVerify and ServerKeyExchange) is made by the token, on P-256 and
// brainpoolP256r1 alike; the private key never leaves it. Only signing keys go there:
// ECDH uses one-time keys, in software (SGP.22 §3.1.3, otSK.DP.ECKA).
//
// The token's PIN comes from the caller (a file or the environment, README "Security"),
// never from a prompt: without a PIN, or with a wrong one, loading fails.
#pragma once

#include <memory>
#include <string>

#include "base/error.h"
#include "crypto/ec.h"

namespace smdp::crypto {

struct Pkcs11Config {
  std::string module;  // the token's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so
  std::string pin;     // the user PIN
  // The libp11 engine; empty: pkcs11.so in OpenSSL's engines directory.
  std::string engine;
};

// A token module, loaded once per process and kept to its end (libp11 cannot load a
// module again once finished with it). Thread-safe.
class Pkcs11 {
 public:
  // Loads the engine and the module (the first time) and sets the PIN the engine logs in
  // with. Errors name what failed (never the PIN); a second module in one process is
  // refused.
  static Result<std::shared_ptr<Pkcs11>> open(const Pkcs11Config& config);
  ~Pkcs11();
  Pkcs11(const Pkcs11&) = delete;
  Pkcs11& operator=(const Pkcs11&) = delete;

  // The private key `uri` names (a "pkcs11:" URI; the PIN is not taken from it). Fails
  // when no such key exists or it is not an EC key on P-256 or brainpoolP256r1.
  Result<EcPrivateKey> private_key(const std::string& uri);

 private:
  struct Impl;
  explicit Pkcs11(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True when `text` is a PKCS#11 URI ("pkcs11:" ...).
bool is_pkcs11_uri(std::string_view text);

}  // namespace smdp::crypto
