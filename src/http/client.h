// SPDX-License-Identifier: Apache-2.0
// An HTTPS/1.1 client on libcurl for the SM-DP+'s outbound calls (ES2+ callbacks to the
// operator, ES12 to the SM-DS; SGP.22 §2.6.6 and §5.3: HTTPS, TLS 1.2 or later, mutual
// authentication with the SM-DP+'s TLS certificate) and for the LPA's ES9+ client.
//
// Contract:
// - only https:// URLs (anything else: invalid_config at post());
// - the server certificate must chain to one of ClientConfig::trusted_ca_der (held in
//   memory; the system store and CA directories are never used) and match the URL's
//   host name (also with connect_to);
// - with client_certificate_chain_der, that chain (leaf first, intermediates after) and
//   its key are presented when the server asks for a client certificate;
// - TLS 1.2 or later; redirects are not followed (a 3xx is returned as a value);
// - the response (body over 1 MiB, headers over 64 KiB) is capped: transfer_failed;
// - any HTTP status is a value; an error only when no complete HTTP response arrived;
// - never throws; the private key never appears in an error or a log.
// Error mapping: a server certificate that does not chain to a trusted CA or does not
// match the host name is untrusted_server; a handshake the server refuses (e.g. our
// client certificate is missing or not trusted, seen under TLS 1.3 as an alert on the
// first read) or no common protocol is tls_failed.
#pragma once

#include <openssl/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::http {

enum class ClientErrc {
  invalid_config = 1,  // a certificate not DER, a key not matching, a bad connect_to/URL/header
  init_failed,         // libcurl could not create a handle
  resolve_failed,      // the host name does not resolve
  connect_failed,      // TCP connect refused or unreachable
  tls_failed,          // handshake failed or refused by the server
  untrusted_server,    // server certificate not chained to a trusted CA, or name mismatch
  timeout,             // connect or whole-request timeout
  transfer_failed,     // anything else: reset, malformed HTTP, response over the cap
};

}  // namespace smdp::http
SMDP_DECLARE_ERROR_ENUM(smdp::http, ClientErrc)

namespace smdp::http {

struct ClientConfig {
  // The server certificate must chain to one of these (required, non-empty).
  std::vector<Bytes> trusted_ca_der;
  // Optional: our client certificate, leaf first, then intermediates.
  std::vector<Bytes> client_certificate_chain_der;
  // Its key: a key object (a software key or a PKCS#11 token's), or else EC PEM (parsed
  // at create(), then wiped); one of them required with a chain, refused without one.
  // The key goes to OpenSSL as an object (CURLOPT_SSL_CTX_FUNCTION): never exported.
  std::shared_ptr<EVP_PKEY> client_private_key{};
  std::string client_private_key_pem;
  // "HOST:PORT" to connect to instead of the URL's; the TLS name check still uses the
  // URL's host. Empty: none.
  std::string connect_to;
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds timeout{30'000};  // whole request
};

struct ClientResponse {
  long status = 0;
  // In the order received, names as sent (of the final response after any 1xx).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header of that name (case-insensitive), its value without surrounding blanks.
  std::optional<std::string> header(std::string_view name) const;
};

// One libcurl easy handle; keep-alive between requests. Not thread-safe (one per thread).
class Client {
 public:
  // Errors: invalid_config (see ClientConfig), init_failed.
  static Result<Client> create(ClientConfig config);
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  // POSTs `body` to an https:// URL with these extra request headers (e.g.
  // Content-Type, X-Admin-Protocol). Any HTTP status is a value; an error only when no
  // HTTP response arrived. Never throws.
  Result<ClientResponse> post(std::string_view url,
                              const std::vector<std::pair<std::string, std::string>>& headers,
                              std::string_view body);

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace smdp::http
