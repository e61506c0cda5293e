// SPDX-License-Identifier: Apache-2.0
// Internal to src/http: the server side of TLS for Server (server.h). An OpenSSL server
// context with the SGP.22 §2.6.6 profile (TlsProfile), every credential of the
// TlsConfig, a client-hello callback that picks the credential per connection from
// the client's supported_groups, and mutual TLS when client CAs are configured.
#pragma once

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "base/error.h"
#include "http/beast.h"
#include "http/server.h"

namespace smdp::http::detail {

class TlsContext {
 public:
  // invalid_tls_config naming what is wrong: a certificate, a key that does not match
  // its certificate, a client CA, or a profile list OpenSSL rejects.
  static Result<std::unique_ptr<TlsContext>> create(const TlsConfig& config);
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  boost::asio::ssl::context& context() { return ctx_; }

  // One credential as OpenSSL holds it, with the TLS group ids of its key's curve.
  struct Credential {
    struct Free {
      void operator()(X509* x) const { X509_free(x); }
      void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
      void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
    };
    std::unique_ptr<X509, Free> leaf;
    std::unique_ptr<STACK_OF(X509), Free> chain;  // the intermediates
    std::shared_ptr<EVP_PKEY> key;
    std::string label;  // TlsCredential::key_label
    std::vector<std::uint16_t> groups;
  };

 private:
  TlsContext() = default;

  // Declared before ctx_: the callback reads them as long as the context lives.
  std::vector<Credential> credentials_;
  boost::asio::ssl::context ctx_{boost::asio::ssl::context::tls_server};
};

}  // namespace smdp::http::detail
