// SPDX-License-Identifier: Apache-2.0
// AES-256-GCM seal/open (NIST SP 800-38D) on one reusable EVP_CIPHER_CTX per key.
#include "crypto/aead.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <limits>

#include "crypto/errors.h"

namespace smdp::crypto {
namespace {

bool fits_int(std::size_t n) {
  return n <= static_cast<std::size_t>(std::numeric_limits<int>::max());
}

}  // namespace

Result<Aes256Gcm> Aes256Gcm::create(ByteView key) {
  if (key.size() != kAes256GcmKeySize) return fail(Errc::invalid_length, "AES-256-GCM key");
  Owned<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
  // The key schedule is computed here once; each message only sets its nonce. GCM uses
  // the block cipher in the encrypt direction for both seal and open.
  if (!ctx ||
      EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nullptr, 1) != 1) {
    return fail(Errc::openssl_failure, "AES-256-GCM init");
  }
  return Aes256Gcm(std::move(ctx));
}

Result<void> Aes256Gcm::seal(Rng& rng, ByteView plaintext, ByteView aad, Bytes& out) {
  if (!fits_int(plaintext.size()) || !fits_int(aad.size())) {
    return fail(Errc::invalid_length, "AES-256-GCM input too long");
  }
  const std::size_t start = out.size();
  out.resize(start + kAes256GcmOverhead + plaintext.size());
  std::uint8_t* nonce = out.data() + start;
  std::uint8_t* ciphertext = nonce + kAes256GcmNonceSize;
  std::uint8_t* tag = ciphertext + plaintext.size();
  rng.fill(std::span<std::uint8_t>(nonce, kAes256GcmNonceSize));
  int len = 0;
  int fin = 0;
  std::array<std::uint8_t, 16> scratch{};  // GCM's final step outputs nothing
  // An empty plaintext or aad needs no update (and a null pointer must not reach it).
  const bool ok =
      EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce, 1) == 1 &&
      (aad.empty() || EVP_CipherUpdate(ctx_.get(), nullptr, &len, aad.data(),
                                       static_cast<int>(aad.size())) == 1) &&
      (plaintext.empty() || EVP_CipherUpdate(ctx_.get(), ciphertext, &len, plaintext.data(),
                                             static_cast<int>(plaintext.size())) == 1) &&
      EVP_CipherFinal_ex(ctx_.get(), scratch.data(), &fin) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kAes256GcmTagSize),
                          tag) == 1;
  if (!ok) {
    OPENSSL_cleanse(out.data() + start, out.size() - start);
    out.resize(start);
    return fail(Errc::openssl_failure, "AES-256-GCM seal");
  }
  return {};
}

Result<Bytes> Aes256Gcm::seal(Rng& rng, ByteView plaintext, ByteView aad) {
  Bytes out;
  out.reserve(kAes256GcmOverhead + plaintext.size());
  if (auto r = seal(rng, plaintext, aad, out); !r) return std::unexpected(r.error());
  return out;
}

Result<Bytes> Aes256Gcm::open(ByteView sealed, ByteView aad) {
  if (sealed.size() < kAes256GcmOverhead)
    return fail(Errc::invalid_length, "AES-256-GCM sealed message");
  if (!fits_int(sealed.size()) || !fits_int(aad.size())) {
    return fail(Errc::invalid_length, "AES-256-GCM input too long");
  }
  const ByteView nonce = sealed.first(kAes256GcmNonceSize);
  const ByteView ciphertext =
      sealed.subspan(kAes256GcmNonceSize, sealed.size() - kAes256GcmOverhead);
  // EVP_CTRL_GCM_SET_TAG takes a non-const pointer; copy the tag.
  std::array<std::uint8_t, kAes256GcmTagSize> tag{};
  const ByteView tag_in = sealed.last(kAes256GcmTagSize);
  std::copy(tag_in.begin(), tag_in.end(), tag.begin());
  Bytes plaintext(ciphertext.size());
  int len = 0;
  int fin = 0;
  std::array<std::uint8_t, 16> scratch{};  // GCM's final step outputs nothing
  if (EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce.data(), 0) != 1 ||
      (!aad.empty() && EVP_CipherUpdate(ctx_.get(), nullptr, &len, aad.data(),
                                        static_cast<int>(aad.size())) != 1) ||
      (!ciphertext.empty() &&
       EVP_CipherUpdate(ctx_.get(), plaintext.data(), &len, ciphertext.data(),
                        static_cast<int>(ciphertext.size())) != 1) ||
      EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag.size()),
                          tag.data()) != 1) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return fail(Errc::openssl_failure, "AES-256-GCM open");
  }
  if (EVP_CipherFinal_ex(ctx_.get(), scratch.data(), &fin) != 1) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return fail(Errc::invalid_signature, "AES-256-GCM open: authentication failed");
  }
  return plaintext;
}

Result<Bytes> aes256_gcm_seal(ByteView key, Rng& rng, ByteView plaintext, ByteView aad) {
  auto gcm = Aes256Gcm::create(key);
  if (!gcm) return std::unexpected(gcm.error());
  return gcm->seal(rng, plaintext, aad);
}

Result<Bytes> aes256_gcm_open(ByteView key, ByteView sealed, ByteView aad) {
  auto gcm = Aes256Gcm::create(key);
  if (!gcm) return std::unexpected(gcm.error());
  return gcm->open(sealed, aad);
}

}  // namespace smdp::crypto
