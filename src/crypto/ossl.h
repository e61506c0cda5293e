// SPDX-License-Identifier: Apache-2.0
// One RAII owner for every OpenSSL handle: Owned<T> frees with T's OpenSSL free function.
#pragma once

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace smdp::crypto {

template <class T>
struct Free;
// NOLINTBEGIN(bugprone-macro-parentheses): T is a type name, it cannot be parenthesised
#define SMDP_OSSL_FREE(T, fn)              \
  template <>                              \
  struct Free<T> {                         \
    void operator()(T* p) const { fn(p); } \
  };
SMDP_OSSL_FREE(EVP_PKEY, EVP_PKEY_free)
SMDP_OSSL_FREE(EVP_PKEY_CTX, EVP_PKEY_CTX_free)
SMDP_OSSL_FREE(EVP_MD_CTX, EVP_MD_CTX_free)
SMDP_OSSL_FREE(EVP_CIPHER_CTX, EVP_CIPHER_CTX_free)
SMDP_OSSL_FREE(EVP_MAC, EVP_MAC_free)
SMDP_OSSL_FREE(EVP_MAC_CTX, EVP_MAC_CTX_free)
SMDP_OSSL_FREE(EVP_KDF, EVP_KDF_free)
SMDP_OSSL_FREE(EVP_KDF_CTX, EVP_KDF_CTX_free)
SMDP_OSSL_FREE(BIGNUM, BN_clear_free)
SMDP_OSSL_FREE(BN_CTX, BN_CTX_free)
SMDP_OSSL_FREE(EC_GROUP, EC_GROUP_free)
SMDP_OSSL_FREE(EC_POINT, EC_POINT_free)
SMDP_OSSL_FREE(ECDSA_SIG, ECDSA_SIG_free)
SMDP_OSSL_FREE(X509, X509_free)
SMDP_OSSL_FREE(X509_NAME, X509_NAME_free)
SMDP_OSSL_FREE(X509_EXTENSION, X509_EXTENSION_free)
SMDP_OSSL_FREE(ASN1_OBJECT, ASN1_OBJECT_free)
// ASN1_INTEGER, ASN1_OCTET_STRING, ASN1_TIME ... are all ASN1_STRING.
SMDP_OSSL_FREE(ASN1_STRING, ASN1_STRING_free)
SMDP_OSSL_FREE(BIO, BIO_free_all)
SMDP_OSSL_FREE(OSSL_PARAM_BLD, OSSL_PARAM_BLD_free)
SMDP_OSSL_FREE(OSSL_PARAM, OSSL_PARAM_free)
#undef SMDP_OSSL_FREE
// NOLINTEND(bugprone-macro-parentheses)

template <class T>
using Owned = std::unique_ptr<T, Free<T>>;

}  // namespace smdp::crypto
