// SPDX-License-Identifier: Apache-2.0
// A generic HTTP/1.1 server over TLS (the ES9+ interface, SGP.22 §6.1.1 and §2.6.6:
// HTTPS, TLS 1.2 or later) or plain TCP (the admin port), calling one Handler per
// request. Built on Boost.Beast/Asio and OpenSSL.
//
// Threads: I/O (accept, TLS, parsing, writing) runs on an io_context with two
// threads; each connection is serialised on its own strand. The Handler runs on a
// separate worker pool of `threads` threads, so a slow handler (a database call)
// never holds up accepting or reading other connections; it only occupies one worker.
//
// Robustness: every failure of one connection (TLS handshake failure, garbage, a
// peer reset, a timeout) closes that connection only. Limits:
// - a request's header over max_header_bytes: 431 and close;
// - a body over max_body_bytes (declared or streamed): 413 and close;
// - any other malformed request: 400 and close;
// - the TLS handshake and the whole request (from the first byte to the end of the
//   body; for a connection's first request, from accept) must arrive within
//   read_timeout, otherwise the connection is closed without a response (slowloris);
// - between keep-alive requests the connection may idle for idle_timeout;
// - writing a response must finish within idle_timeout;
// - beyond max_connections open connections, new ones are accepted and closed at once.
// HTTP/1.1 keep-alive is the default; "Connection: close" (or HTTP/1.0 without
// keep-alive) closes after the response. Requests on one connection are answered in
// order, one at a time.
//
// Mutual TLS (ES2+, SGP.22 §2.6.6 and §5.3: the operator authenticates with its client
// certificate): when TlsConfig::client_ca_der is non-empty, the server sends those CAs'
// subject names in its CertificateRequest and REQUIRES a client certificate that chains
// to one of exactly those CAs (no system store; each configured CA is a trust anchor,
// even an intermediate one; purpose sslclient; validity at the current time). A missing
// or unverifiable client certificate fails the handshake, which closes that connection
// only (under TLS 1.3 the client may see this as an alert on its first read); no handler
// is called. The verified chain is handed to every request of the connection in
// Request::peer_certificates. Session resumption is disabled on such a server, so every
// connection carries a fully verified chain. Authorisation (which client may do what)
// is the handler's business.
#pragma once

#include <openssl/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::http {

class Registry;

enum class Errc {
  invalid_tls_config = 1,  // a certificate, a client CA or the key is malformed, or the
                           // key does not match the certificate
  invalid_address,         // the listen address is not an IP address
  listen_failed,           // bind/listen failed (port in use, permission)
};

struct Request {
  std::string method;  // as sent, e.g. "POST"; unknown methods are passed through
  std::string target;  // request-target as sent: path and optional "?query"
  // In the order received; names lower-cased, values as sent (trimmed by the parser).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;  // the client's IP address (behind a load balancer: from PROXY v2)
  // The client's verified certificate chain (mutual TLS only), DER: leaf first, the
  // trust anchor (one of TlsConfig::client_ca_der) last. Empty on plain HTTP or when
  // the server does not request client certificates.
  std::vector<Bytes> peer_certificates;

  // The first header of that name; `lower_name` must be lower case.
  std::optional<std::string_view> header(std::string_view lower_name) const;
};

struct Response {
  int status = 200;
  // Content-Length and Connection are set by the server; any given here are dropped.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Called on a worker thread, possibly concurrently for different connections. May block.
// Must not throw; if it does, the server logs the exception and answers 500 anyway.
using Handler = std::function<Response(const Request&)>;

// The TLS profile (SGP.22 §2.6.6) as OpenSSL lists; the defaults are SGP.22's. Fields
// that OpenSSL cannot use make Server::start fail (invalid_tls_config).
struct TlsProfile {
  // TLS 1.2 cipher suites, OpenSSL names, in our order of preference (the server's
  // order wins): TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 and _AES_128_CBC_SHA256.
  std::string tls12_ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA256";
  // TLS 1.3 offered at all (SGP.22 v3 §2.6.6; v2 names TLS 1.2 only), and its suites.
  bool tls13 = true;
  std::string tls13_ciphersuites = "TLS_AES_128_GCM_SHA256";
  // Key-exchange groups; in TLS 1.2 also the curves a certificate may be on. OpenSSL
  // 3.0 has no TLS 1.3 brainpool group: a brainpool-only client negotiates TLS 1.2.
  std::string groups = "P-256:brainpoolP256r1";
  // The server's own signatures (ServerKeyExchange, CertificateVerify).
  std::string sigalgs = "ECDSA+SHA256";
  // Mutual TLS: what a client's CertificateVerify may use, as listed in the
  // CertificateRequest. Empty: `sigalgs`.
  std::string client_sigalgs;
};

// A certificate chain (leaf first, then intermediates) and the leaf's EC key: a key
// object (a software key or a PKCS#11 token's, crypto/key_source.h), or else PEM.
struct TlsCredential {
  std::vector<Bytes> chain_der;
  std::string private_key_pem;
  std::shared_ptr<EVP_PKEY> private_key{};  // when set, private_key_pem is not used
  // With a label, each handshake given this credential is counted under it
  // (base/key_use.h, operation "tls-handshake": at most one signature each).
  std::string key_label{};
};

struct TlsConfig {
  // One credential per curve (CERT.DP.TLS on P-256 and on brainpoolP256r1, §2.6.6).
  // Each connection gets, in this order, the first whose curve the client lists in its
  // supported_groups (RFC 8422 §5.1: a TLS 1.2 certificate must be on such a curve);
  // a client that sends no list, or lists none of them, gets the first.
  std::vector<TlsCredential> credentials;
  // DER certificates of the CAs that issue client certificates. Empty: no client
  // certificate requested. Non-empty: mutual TLS, see "Mutual TLS" above.
  std::vector<Bytes> client_ca_der;
  TlsProfile profile{};
};

struct ServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;        // 0 = ephemeral, read back with Server::port()
  std::optional<TlsConfig> tls;  // absent = plain HTTP (admin port)
  unsigned threads = 0;          // handler workers; 0 = hardware_concurrency (at least 2)
  std::size_t max_body_bytes = std::size_t{64} * 1024;
  std::size_t max_header_bytes = std::size_t{8} * 1024;
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds idle_timeout{60};
  std::size_t max_connections = 1024;
  // Load balancers (IP addresses) that send the PROXY protocol v2 header
  // (http/proxy_protocol.h) before each connection's bytes: from these, the header is
  // required and its client address is the one Request::remote_address (logs) carries.
  // Connections from other addresses are taken as they come (no header expected).
  std::vector<std::string> proxy_protocol_from;
  // Optional: records smdp_http_responses_total{port,code} and
  // smdp_http_connections_rejected_total{port}. Must outlive the server.
  Registry* metrics = nullptr;
};

class Server {
 public:
  // Binds, listens and starts the threads. Fails on a bad TLS configuration or address,
  // or when the port cannot be bound.
  static Result<std::unique_ptr<Server>> start(ServerConfig config, Handler handler);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the ephemeral one if config.port was 0).
  std::uint16_t port() const;

  // Stops accepting (new connections are refused), closes idle connections and those
  // still receiving a request, lets requests whose handler already runs finish and
  // answer (with "Connection: close") for up to `grace`, then closes everything.
  // A handler still running after `grace` is waited for, its response discarded.
  // Idempotent; the destructor calls stop(0s). Must not be called from a handler.
  void stop(std::chrono::seconds grace);

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Blocks the calling thread until SIGTERM or SIGINT arrives (for `smdpp serve`).
void wait_for_termination_signal();

}  // namespace smdp::http
SMDP_DECLARE_ERROR_ENUM(smdp::http, Errc)
