// SPDX-License-Identifier: Apache-2.0
// SHA-256, X9.63 KDF, AES-CBC/ECB and AES-CMAC through OpenSSL 3 EVP.
#include "crypto/hash.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>

#include "crypto/errors.h"
#include "crypto/ossl.h"

namespace smdp::crypto {

Sha256Digest sha256(ByteView data) { return sha256(data, {}); }

Sha256Digest sha256(ByteView a, ByteView b) {
  Sha256Digest out{};
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  unsigned len = 0;
  // SHA-256 over memory cannot fail short of allocation failure.
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), a.data(), a.size()) != 1 ||
      EVP_DigestUpdate(ctx.get(), b.data(), b.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1) {
    std::abort();
  }
  return out;
}

Result<Bytes> x963_kdf_sha256(ByteView shared_secret, ByteView shared_info, std::size_t out_len) {
  Owned<EVP_KDF> kdf(EVP_KDF_fetch(nullptr, "X963KDF", nullptr));
  if (!kdf) return fail(Errc::openssl_failure, "X963KDF unavailable");
  Owned<EVP_KDF_CTX> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) return fail(Errc::openssl_failure, "EVP_KDF_CTX_new");
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                        const_cast<std::uint8_t*>(shared_secret.data()),
                                        shared_secret.size()),
      OSSL_PARAM_construct_octet_string(
          OSSL_KDF_PARAM_INFO, const_cast<std::uint8_t*>(shared_info.data()), shared_info.size()),
      OSSL_PARAM_construct_end()};
  Bytes out(out_len);
  if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
    return fail(Errc::openssl_failure, "X963KDF derive");
  }
  return out;
}

namespace {

const EVP_CIPHER* aes_cipher(std::size_t key_len, bool cbc) {
  switch (key_len) {
    case 16:
      return cbc ? EVP_aes_128_cbc() : EVP_aes_128_ecb();
    case 24:
      return cbc ? EVP_aes_192_cbc() : EVP_aes_192_ecb();
    case 32:
      return cbc ? EVP_aes_256_cbc() : EVP_aes_256_ecb();
    default:
      return nullptr;
  }
}

Result<Bytes> aes_raw(ByteView key, ByteView iv, ByteView data, bool cbc, bool encrypt) {
  const EVP_CIPHER* cipher = aes_cipher(key.size(), cbc);
  if (!cipher) return fail(Errc::invalid_length, "AES key");
  if (data.size() % 16 != 0) return fail(Errc::invalid_length, "AES data not block aligned");
  if (cbc && iv.size() != 16) return fail(Errc::invalid_length, "AES IV");
  Owned<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), cbc ? iv.data() : nullptr,
                                encrypt ? 1 : 0) != 1) {
    return fail(Errc::openssl_failure, "EVP_CipherInit_ex");
  }
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  Bytes out(data.size());
  int len = 0;
  int fin = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &len, data.data(), static_cast<int>(data.size())) !=
          1 ||
      EVP_CipherFinal_ex(ctx.get(), out.data() + len, &fin) != 1) {
    return fail(Errc::openssl_failure, "EVP_Cipher");
  }
  return out;
}

}  // namespace

Result<Bytes> aes_cbc_encrypt(ByteView key, ByteView iv, ByteView data) {
  return aes_raw(key, iv, data, true, true);
}
Result<Bytes> aes_cbc_decrypt(ByteView key, ByteView iv, ByteView data) {
  return aes_raw(key, iv, data, true, false);
}
Result<Bytes> aes_ecb_block(ByteView key, ByteView block) {
  if (block.size() != 16) return fail(Errc::invalid_length, "AES block");
  return aes_raw(key, {}, block, false, true);
}

Result<std::array<std::uint8_t, 16>> aes_cmac(ByteView key, std::initializer_list<ByteView> parts) {
  const char* cipher_name = key.size() == 16   ? "AES-128-CBC"
                            : key.size() == 32 ? "AES-256-CBC"
                                               : nullptr;
  if (!cipher_name) return fail(Errc::invalid_length, "CMAC key");
  // The fetched algorithm is immutable and shareable: fetch once per process.
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "CMAC", nullptr);
  if (!mac) return fail(Errc::openssl_failure, "CMAC unavailable");
  Owned<EVP_MAC_CTX> ctx(EVP_MAC_CTX_new(mac));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(cipher_name), 0),
      OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1) {
    return fail(Errc::openssl_failure, "EVP_MAC_init");
  }
  for (ByteView p : parts) {
    if (EVP_MAC_update(ctx.get(), p.data(), p.size()) != 1)
      return fail(Errc::openssl_failure, "CMAC");
  }
  std::array<std::uint8_t, 16> out{};
  std::size_t len = 0;
  if (EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 || len != 16) {
    return fail(Errc::openssl_failure, "CMAC final");
  }
  return out;
}

}  // namespace smdp::crypto
