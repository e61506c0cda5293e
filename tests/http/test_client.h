// SPDX-License-Identifier: Apache-2.0
// Test helpers for the HTTP server: a fresh self-signed P-256 certificate, and a
// blocking client over Boost.Beast (TLS or plain) whose every step has a timeout.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "base/bytes.h"
#include "http/beast.h"
#include "http/server.h"

namespace smdp::http::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct SelfSigned {
  Bytes cert_der;
  std::string key_pem;
  std::string cert_pem;
};

inline SelfSigned make_self_signed() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x = X509_new();
  if (key == nullptr || x == nullptr) throw std::runtime_error("openssl");
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 3600);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509_set_pubkey(x, key);
  X509_EXTENSION* ext =
      X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  X509_add_ext(x, ext, -1);
  X509_EXTENSION_free(ext);
  if (X509_sign(x, key, EVP_sha256()) == 0) throw std::runtime_error("sign");
  SelfSigned out;
  unsigned char* der = nullptr;
  const int n = i2d_X509(x, &der);
  out.cert_der.assign(der, der + n);
  OPENSSL_free(der);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  out.key_pem.assign(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, x);
  len = BIO_get_mem_data(bio, &data);
  out.cert_pem.assign(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  X509_free(x);
  EVP_PKEY_free(key);
  return out;
}

using HttpResponse = bhttp::response<bhttp::string_body>;

// A TLS client certificate for mutual TLS: the chain (leaf first) and the key, PEM.
struct ClientIdentity {
  std::string chain_pem;
  std::string key_pem;
};

// One client connection. Every operation gives up after `timeout` (then returns
// false / nullopt). TLS verifies the server against `trusted_pem` (when given) and
// presents `identity` when the server asks for a client certificate.
class Client {
 public:
  Client(std::uint16_t port, const SelfSigned* trusted,
         std::chrono::milliseconds timeout = std::chrono::seconds(5),
         const ClientIdentity* identity = nullptr)
      : ctx_(asio::ssl::context::tls_client), timeout_(timeout) {
    if (trusted != nullptr) {
      ctx_.add_certificate_authority(asio::buffer(trusted->cert_pem));
      ctx_.set_verify_mode(asio::ssl::verify_peer);
      if (identity != nullptr) {
        ctx_.use_certificate_chain(asio::buffer(identity->chain_pem));
        ctx_.use_private_key(asio::buffer(identity->key_pem), asio::ssl::context::pem);
      }
      tls_.emplace(ioc_, ctx_);
    } else {
      plain_.emplace(ioc_);
    }
    const asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
    beast::error_code ec;
    lowest().expires_after(timeout_);
    lowest().async_connect(ep, [&](beast::error_code e) { ec = e; });
    run();
    if (ec) throw std::runtime_error("connect: " + ec.message());
    if (tls_) {
      lowest().expires_after(timeout_);
      tls_->async_handshake(asio::ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
      run();
      if (ec) throw std::runtime_error("handshake: " + ec.message());
    }
  }

  // Tries to connect; false when refused.
  static bool can_connect(std::uint16_t port) {
    asio::io_context ioc;
    asio::ip::tcp::socket s(ioc);
    beast::error_code ec;
    s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
  }

  bool send(const bhttp::request<bhttp::string_body>& req) {
    beast::error_code ec = asio::error::timed_out;
    lowest().expires_after(timeout_);
    if (tls_) {
      bhttp::async_write(*tls_, req, [&](beast::error_code e, std::size_t) { ec = e; });
    } else {
      bhttp::async_write(*plain_, req, [&](beast::error_code e, std::size_t) { ec = e; });
    }
    run();
    return !ec;
  }

  bool send_raw(std::string_view bytes) {
    beast::error_code ec = asio::error::timed_out;
    lowest().expires_after(timeout_);
    auto done = [&](beast::error_code e, std::size_t) { ec = e; };
    if (tls_) {
      asio::async_write(*tls_, asio::buffer(bytes), done);
    } else {
      asio::async_write(*plain_, asio::buffer(bytes), done);
    }
    run();
    return !ec;
  }

  std::optional<HttpResponse> receive() {
    HttpResponse res;
    beast::error_code ec = asio::error::timed_out;
    lowest().expires_after(timeout_);
    auto done = [&](beast::error_code e, std::size_t) { ec = e; };
    if (tls_) {
      bhttp::async_read(*tls_, buffer_, res, done);
    } else {
      bhttp::async_read(*plain_, buffer_, res, done);
    }
    run();
    if (ec) return std::nullopt;
    return res;
  }

  std::optional<HttpResponse> request(bhttp::verb method, std::string target, std::string body = {},
                                      bool keep_alive = true) {
    bhttp::request<bhttp::string_body> req(method, target, 11);
    req.set(bhttp::field::host, "localhost");
    req.set(bhttp::field::content_type, "application/json");
    req.body() = std::move(body);
    req.keep_alive(keep_alive);
    req.prepare_payload();
    if (!send(req)) return std::nullopt;
    return receive();
  }

  // Waits for the server to close: true when the peer closed (EOF or reset) within the
  // timeout without sending anything more (with allow_data: after sending anything).
  bool closed_by_peer(bool allow_data = false) {
    char byte = 0;
    beast::error_code ec = asio::error::timed_out;
    std::size_t n = 0;
    lowest().expires_after(timeout_);
    auto done = [&](beast::error_code e, std::size_t k) {
      ec = e;
      n = k;
    };
    if (buffer_.size() > 0) return false;
    if (tls_) {
      tls_->async_read_some(asio::buffer(&byte, 1), done);
    } else {
      plain_->async_read_some(asio::buffer(&byte, 1), done);
    }
    run();
    if (allow_data && n > 0) return closed_by_peer(true);
    return n == 0 && ec && ec != beast::error::timeout;
  }

 private:
  beast::tcp_stream& lowest() { return tls_ ? beast::get_lowest_layer(*tls_) : *plain_; }
  void run() {
    ioc_.restart();
    ioc_.run();
  }

  asio::io_context ioc_;
  asio::ssl::context ctx_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
  std::optional<beast::tcp_stream> plain_;
  beast::flat_buffer buffer_;
  std::chrono::milliseconds timeout_;
};

}  // namespace smdp::http::testing
