// SPDX-License-Identifier: Apache-2.0
// A TLS client for testing a server's TLS profile (SGP.22 §2.6.6): an OpenSSL client
// restricted to the versions, cipher suites, groups and signature algorithms a test
// names, optionally presenting a client certificate. It connects to 127.0.0.1:port,
// completes the handshake, then sends one HTTP request and reads the status line, so
// that a client certificate the server refuses after a TLS 1.3 handshake still counts
// as refused. It does not verify the server (the test reads what it presented).
#pragma once

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cstdint>
#include <string>

namespace smdp::http::testing {

struct TlsProbe {
  int min_version = TLS1_2_VERSION;
  int max_version = TLS1_3_VERSION;
  std::string tls12_ciphers;       // "": OpenSSL's default list
  std::string tls13_ciphersuites;  // "": OpenSSL's default list
  std::string groups;              // "": OpenSSL's default list
  std::string sigalgs;             // "": OpenSSL's default list
  std::string client_sigalgs;      // for the client's own CertificateVerify
  std::string client_chain_pem;    // leaf first; "": no client certificate
  std::string client_key_pem;
};

struct TlsOutcome {
  bool accepted = false;    // handshake done and an HTTP status line read
  std::string version;      // "TLSv1.2", "TLSv1.3"
  std::string cipher;       // OpenSSL name
  std::string peer_curve;   // of the server's certificate: "prime256v1", "brainpoolP256r1"
  std::string http_status;  // "HTTP/1.1 404 Not Found"
  std::string error;        // why not accepted
};

namespace detail {

inline std::string openssl_error(const char* step) {
  std::string out = step;
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += std::string(": ") + buf;
  }
  return out;
}

inline bool use_client_identity(SSL_CTX* ctx, const TlsProbe& p) {
  BIO* bio =
      BIO_new_mem_buf(p.client_chain_pem.data(), static_cast<int>(p.client_chain_pem.size()));
  bool ok = bio != nullptr;
  bool first = true;
  while (ok) {
    X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    if (x == nullptr) break;
    ok = first ? SSL_CTX_use_certificate(ctx, x) == 1 : SSL_CTX_add0_chain_cert(ctx, x) == 1;
    if (first || !ok) X509_free(x);
    first = false;
  }
  ERR_clear_error();  // the end of the PEM data
  BIO_free(bio);
  BIO* key_bio =
      BIO_new_mem_buf(p.client_key_pem.data(), static_cast<int>(p.client_key_pem.size()));
  EVP_PKEY* key =
      key_bio == nullptr ? nullptr : PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
  BIO_free(key_bio);
  ok = ok && !first && key != nullptr && SSL_CTX_use_PrivateKey(ctx, key) == 1;
  EVP_PKEY_free(key);
  return ok;
}

inline bool configure(SSL_CTX* ctx, const TlsProbe& p, TlsOutcome& out) {
  auto bad = [&](const char* what) {
    out.error = openssl_error(what);
    return false;
  };
  if (SSL_CTX_set_min_proto_version(ctx, p.min_version) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, p.max_version) != 1)
    return bad("versions");
  if (!p.tls12_ciphers.empty() && SSL_CTX_set_cipher_list(ctx, p.tls12_ciphers.c_str()) != 1)
    return bad("ciphers");
  if (!p.tls13_ciphersuites.empty() &&
      SSL_CTX_set_ciphersuites(ctx, p.tls13_ciphersuites.c_str()) != 1)
    return bad("ciphersuites");
  if (!p.groups.empty() && SSL_CTX_set1_groups_list(ctx, p.groups.c_str()) != 1)
    return bad("groups");
  if (!p.sigalgs.empty() && SSL_CTX_set1_sigalgs_list(ctx, p.sigalgs.c_str()) != 1)
    return bad("sigalgs");
  if (!p.client_sigalgs.empty() &&
      SSL_CTX_set1_client_sigalgs_list(ctx, p.client_sigalgs.c_str()) != 1)
    return bad("client sigalgs");
  if (!p.client_chain_pem.empty() && !use_client_identity(ctx, p)) return bad("client identity");
  return true;
}

inline void read_session(SSL* ssl, TlsOutcome& out) {
  out.version = SSL_get_version(ssl);
  out.cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(ssl));
  if (X509* peer = SSL_get1_peer_certificate(ssl)) {
    char name[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_group_name(X509_get0_pubkey(peer), name, sizeof name, &len) == 1)
      out.peer_curve.assign(name, len);
    X509_free(peer);
  }
}

}  // namespace detail

inline TlsOutcome probe_tls(std::uint16_t port, const TlsProbe& p) {
  TlsOutcome out;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) {
    out.error = "SSL_CTX_new";
    return out;
  }
  SSL* ssl = nullptr;
  if (detail::configure(ctx, p, out)) {
    const std::string target = "127.0.0.1:" + std::to_string(port);
    BIO* bio = BIO_new_connect(target.c_str());
    if (bio == nullptr || BIO_do_connect(bio) != 1) {
      out.error = detail::openssl_error("connect");
      BIO_free_all(bio);
    } else {
      const timeval timeout{5, 0};  // a server that never answers fails the probe
      const int fd = static_cast<int>(BIO_get_fd(bio, nullptr));
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      ssl = SSL_new(ctx);
      SSL_set_bio(ssl, bio, bio);
    }
  }
  if (ssl != nullptr) {
    if (SSL_connect(ssl) != 1) {
      out.error = detail::openssl_error("handshake");
    } else {
      detail::read_session(ssl, out);
      const std::string request = "GET /probe HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n";
      char buf[128] = {};
      const int n = SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0
                        ? SSL_read(ssl, buf, sizeof buf - 1)
                        : -1;
      if (n > 0) {
        const std::string head(buf, static_cast<std::size_t>(n));
        out.http_status = head.substr(0, head.find("\r\n"));
        out.accepted = out.http_status.starts_with("HTTP/1.1 ");
      } else {
        out.error = detail::openssl_error("request");
      }
    }
    SSL_free(ssl);
  }
  SSL_CTX_free(ctx);
  return out;
}

}  // namespace smdp::http::testing
