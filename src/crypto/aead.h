// SPDX-License-Identifier: Apache-2.0
// AES-256-GCM authenticated encryption (NIST SP 800-38D) through OpenSSL 3 EVP, for
// secrets the SM-DP+ keeps at rest (subscription values, protected packages).
//
// Sealed form: nonce (12 octets, from the injected Rng) || ciphertext || tag (16 octets).
// A fresh random nonce per seal: with 96-bit random nonces one key may seal up to 2^32
// messages (SP 800-38D §8.3); rotate the key well before that.
//
// open() fails with Errc::invalid_signature ("authentication failed") when the nonce,
// ciphertext, tag or associated data differ in any bit, and returns no plaintext then.
#pragma once

#include <cstddef>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/ossl.h"
#include "crypto/rng.h"

namespace smdp::crypto {

inline constexpr std::size_t kAes256GcmKeySize = 32;
inline constexpr std::size_t kAes256GcmNonceSize = 12;
inline constexpr std::size_t kAes256GcmTagSize = 16;
// Octets a sealed message has beyond its plaintext.
inline constexpr std::size_t kAes256GcmOverhead = kAes256GcmNonceSize + kAes256GcmTagSize;

// One key's cipher context, expanded once and reused for every message. Not
// thread-safe: use one object per thread.
class Aes256Gcm {
 public:
  // Errc::invalid_length unless `key` is 32 octets.
  static Result<Aes256Gcm> create(ByteView key);

  // Appends nonce || ciphertext || tag of `plaintext` under `aad` to `out`.
  Result<void> seal(Rng& rng, ByteView plaintext, ByteView aad, Bytes& out);
  Result<Bytes> seal(Rng& rng, ByteView plaintext, ByteView aad);
  // The plaintext of a sealed message; Errc::invalid_length when shorter than the
  // overhead, Errc::invalid_signature when authentication fails.
  Result<Bytes> open(ByteView sealed, ByteView aad);

 private:
  explicit Aes256Gcm(Owned<EVP_CIPHER_CTX> ctx) : ctx_(std::move(ctx)) {}
  Owned<EVP_CIPHER_CTX> ctx_;
};

// One-off forms (expand the key for each call).
Result<Bytes> aes256_gcm_seal(ByteView key, Rng& rng, ByteView plaintext, ByteView aad);
Result<Bytes> aes256_gcm_open(ByteView key, ByteView sealed, ByteView aad);

}  // namespace smdp::crypto
