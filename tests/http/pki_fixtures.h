// SPDX-License-Identifier: Apache-2.0
// Test certificates for mutual TLS (SGP.22 §2.6.6): a CA issued with the eSIM PKI
// issuer (a self-signed CI) and DPtls-profile leaves under it (extKeyUsage serverAuth +
// clientAuth, CN and dNSName = the given name), as DER and PEM.
#pragma once

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "base/bytes.h"
#include "crypto/rng.h"
#include "pki/certificate_set.h"
#include "pki/test_pki.h"

namespace smdp::http::testing {

inline pki::TestPkiParams pki_params(std::string name = "mno.example.com") {
  pki::TestPkiParams p;
  p.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  p.dp_address = std::move(name);
  return p;
}

// A fresh self-signed CA (Role::ci, P-256).
inline pki::Credential make_ca() {
  auto ca = pki::issue_ci(crypto::Curve::nist_p256, pki_params(), crypto::system_rng());
  if (!ca) throw std::runtime_error(ca.error().message());
  return std::move(*ca);
}

// A DPtls certificate under `ca` whose CN and dNSName are `name`.
inline pki::Credential make_leaf(const pki::Credential& ca, std::string name) {
  auto leaf =
      pki::issue_dp(pki::Role::dp_tls, ca, pki_params(std::move(name)), crypto::system_rng());
  if (!leaf) throw std::runtime_error(leaf.error().message());
  return std::move(*leaf);
}

inline std::string pem_of(const Bytes& der) {
  const unsigned char* p = der.data();
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  BIO* bio = BIO_new(BIO_s_mem());
  if (x == nullptr || bio == nullptr || PEM_write_bio_X509(bio, x) != 1) {
    throw std::runtime_error("pem");
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  X509_free(x);
  return out;
}

}  // namespace smdp::http::testing
