// SPDX-License-Identifier: Apache-2.0
// The HTTPS client (src/http/client.h) against the HTTP server (src/http/server.h) over
// real TLS on 127.0.0.1: trust, host names, mutual TLS, connect-to, errors, caps.
#include "http/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "http/beast.h"
#include "http/server.h"
#include "pki_fixtures.h"
#include "test_client.h"

namespace smdp::http {
namespace {

using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kHost = "operator.example.com";

const testing::SelfSigned& localhost_cert() {
  static const testing::SelfSigned c = testing::make_self_signed();
  return c;
}
// The server's PKI: a CA and a DPtls certificate for kHost.
const pki::Credential& server_ca() {
  static const pki::Credential c = testing::make_ca();
  return c;
}
const pki::Credential& server_leaf() {
  static const pki::Credential c = testing::make_leaf(server_ca(), kHost);
  return c;
}
// Our client certificates: one from the CA the server trusts, one from another.
const pki::Credential& client_ca() {
  static const pki::Credential c = testing::make_ca();
  return c;
}
const pki::Credential& client_leaf() {
  static const pki::Credential c = testing::make_leaf(client_ca(), "smdp.example.com");
  return c;
}
const pki::Credential& foreign_client_leaf() {
  static const pki::Credential c = testing::make_leaf(server_ca(), "smdp.example.com");
  return c;
}

class ClientTest : public ::testing::Test {
 protected:
  // A server with `tls`; the handler echoes the request.
  void start(TlsConfig tls) {
    ServerConfig c;
    c.tls = std::move(tls);
    c.threads = 2;
    c.read_timeout = 5s;
    c.max_body_bytes = std::size_t{2} << 20;
    auto s = Server::start(std::move(c), [this](const Request& r) { return handle(r); });
    ASSERT_TRUE(s.has_value()) << s.error().message();
    server_ = std::move(*s);
  }
  void start_localhost() {
    start(TlsConfig{{{{localhost_cert().cert_der}, localhost_cert().key_pem}}, {}});
  }
  void start_pki(std::vector<Bytes> client_cas = {}) {
    start(TlsConfig{{{{server_leaf().cert.der()}, server_leaf().key.to_pem()}},
                    std::move(client_cas)});
  }

  Response handle(const Request& r) {
    ++calls_;
    {
      const std::scoped_lock lock(mutex_);
      last_ = r;
    }
    Response res;
    if (r.target == "/big") {
      res.body.assign((std::size_t{1} << 20) + 1, 'x');
      return res;
    }
    if (r.target == "/redirect") {
      res.status = 302;
      res.headers.emplace_back("Location", "https://localhost/elsewhere");
      return res;
    }
    res.status = 201;
    res.headers.emplace_back("Content-Type", "application/json");
    res.headers.emplace_back("X-Echo",
                             "  " + std::string(r.header("x-admin-protocol").value_or("-")));
    res.body = r.method + " " + r.target + " " + r.body;
    return res;
  }

  Request last() {
    const std::scoped_lock lock(mutex_);
    return last_;
  }

  std::string url(std::string_view host, std::string_view path) const {
    return "https://" + std::string(host) + ":" + std::to_string(server_->port()) +
           std::string(path);
  }

  static Client make(ClientConfig c) {
    auto client = Client::create(std::move(c));
    if (!client) throw std::runtime_error(client.error().message());
    return std::move(*client);
  }
  static ClientConfig trusting(const Bytes& ca) {
    ClientConfig c;
    c.trusted_ca_der = {ca};
    c.timeout = 10s;
    return c;
  }
  ClientConfig pki_client() const {
    ClientConfig c = trusting(server_ca().cert.der());
    c.connect_to = "127.0.0.1:" + std::to_string(server_->port());
    return c;
  }
  static void with_identity(ClientConfig& c, const pki::Credential& leaf) {
    c.client_certificate_chain_der = {leaf.cert.der()};
    c.client_private_key_pem = leaf.key.to_pem();
  }

  std::unique_ptr<Server> server_;
  std::atomic<int> calls_{0};
  std::mutex mutex_;
  Request last_;
};

TEST_F(ClientTest, when_post_to_trusted_server_then_headers_and_body_round_trip) {
  start_localhost();
  Client client = make(trusting(localhost_cert().cert_der));
  auto r = client.post(
      url("localhost", "/gsma/rsp2/es2plus/handleDownloadProgressInfo"),
      {{"Content-Type", "application/json;charset=UTF-8"}, {"X-Admin-Protocol", "gsma/rsp/v2.5.0"}},
      R"({"a":1})");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, R"(POST /gsma/rsp2/es2plus/handleDownloadProgressInfo {"a":1})");
  EXPECT_EQ(r->header("x-echo"), "gsma/rsp/v2.5.0");
  EXPECT_EQ(r->header("CONTENT-TYPE"), "application/json");
  EXPECT_FALSE(r->header("x-missing"));
  const Request seen = last();
  EXPECT_EQ(seen.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(seen.header("x-admin-protocol"), "gsma/rsp/v2.5.0");
  EXPECT_FALSE(seen.header("expect"));
  EXPECT_TRUE(seen.peer_certificates.empty());
  // Keep-alive: a second request on the same client works too.
  auto again = client.post(url("localhost", "/2"), {}, "b");
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(again->body, "POST /2 b");
}

TEST_F(ClientTest, when_server_cert_not_from_trusted_ca_then_untrusted_server) {
  start_localhost();
  Client client = make(trusting(server_ca().cert.der()));
  auto r = client.post(url("localhost", "/x"), {}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::untrusted_server) << r.error().message();
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(ClientTest, when_host_name_does_not_match_certificate_then_untrusted_server) {
  start_pki();
  Client client = make(pki_client());
  auto r = client.post(url("other.example.com", "/x"), {}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::untrusted_server) << r.error().message();
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(ClientTest, when_connect_to_given_then_url_host_is_checked_and_sent) {
  start_pki();
  Client client = make(pki_client());
  auto r = client.post(std::string("https://") + kHost + "/es2", {}, "{}");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(last().header("host"), kHost);
}

TEST_F(ClientTest, when_mtls_server_and_our_cert_is_trusted_then_server_sees_our_chain) {
  start_pki({client_ca().cert.der()});
  ClientConfig c = pki_client();
  with_identity(c, client_leaf());
  Client client = make(std::move(c));
  auto r = client.post(std::string("https://") + kHost + "/es2", {}, "{}");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 201);
  const Request seen = last();
  ASSERT_EQ(seen.peer_certificates.size(), 2U);
  EXPECT_EQ(seen.peer_certificates[0], client_leaf().cert.der());
  EXPECT_EQ(seen.peer_certificates[1], client_ca().cert.der());
}

TEST_F(ClientTest, when_mtls_server_and_no_client_cert_then_tls_failed) {
  start_pki({client_ca().cert.der()});
  Client client = make(pki_client());
  auto r = client.post(std::string("https://") + kHost + "/es2", {}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::tls_failed) << r.error().message();
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(ClientTest, when_mtls_server_and_client_cert_from_another_ca_then_tls_failed) {
  start_pki({client_ca().cert.der()});
  ClientConfig c = pki_client();
  with_identity(c, foreign_client_leaf());
  Client client = make(std::move(c));
  auto r = client.post(std::string("https://") + kHost + "/es2", {}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::tls_failed) << r.error().message();
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(ClientTest, when_server_answers_a_redirect_then_it_is_returned_not_followed) {
  start_localhost();
  Client client = make(trusting(localhost_cert().cert_der));
  auto r = client.post(url("localhost", "/redirect"), {}, "{}");
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(r->header("location"), "https://localhost/elsewhere");
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(ClientTest, when_response_body_over_cap_then_transfer_failed) {
  start_localhost();
  Client client = make(trusting(localhost_cert().cert_der));
  auto r = client.post(url("localhost", "/big"), {}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::transfer_failed) << r.error().message();
}

TEST_F(ClientTest, when_connection_refused_then_connect_failed) {
  start_localhost();
  const std::uint16_t port = server_->port();
  server_.reset();  // nothing listens on the port any more
  ClientConfig c = trusting(localhost_cert().cert_der);
  Client client = make(std::move(c));
  auto r = client.post("https://localhost:" + std::to_string(port) + "/x", {}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::connect_failed) << r.error().message();
}

TEST_F(ClientTest, when_server_never_answers_then_timeout) {
  // A socket that listens but never accepts: TCP connects, the TLS handshake never ends.
  testing::asio::io_context ioc;
  testing::asio::ip::tcp::acceptor silent(ioc, {testing::asio::ip::make_address("127.0.0.1"), 0});
  ClientConfig c = trusting(localhost_cert().cert_der);
  c.timeout = 300ms;
  Client client = make(std::move(c));
  const auto begin = std::chrono::steady_clock::now();
  auto r = client.post("https://localhost:" + std::to_string(silent.local_endpoint().port()) + "/x",
                       {}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::timeout) << r.error().message();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 5s);
}

TEST_F(ClientTest, when_url_is_not_https_then_invalid_config) {
  Client client = make(trusting(localhost_cert().cert_der));
  for (const char* u : {"http://localhost/x", "ftp://localhost/x", "localhost/x", "https://"}) {
    auto r = client.post(u, {}, "{}");
    ASSERT_FALSE(r) << u;
    EXPECT_EQ(r.error().code, ClientErrc::invalid_config) << u;
  }
}

TEST_F(ClientTest, when_header_carries_line_break_then_invalid_config) {
  Client client = make(trusting(localhost_cert().cert_der));
  auto r = client.post("https://localhost:1/x", {{"X-A", "a\r\nX-B: b"}}, "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ClientErrc::invalid_config);
}

TEST_F(ClientTest, when_config_is_invalid_then_create_fails_with_invalid_config) {
  auto expect_invalid = [](ClientConfig c, const char* what) {
    auto r = Client::create(std::move(c));
    ASSERT_FALSE(r) << what;
    EXPECT_EQ(r.error().code, ClientErrc::invalid_config) << what;
  };
  expect_invalid(ClientConfig{}, "no trusted CA");
  expect_invalid(trusting(Bytes{0x30, 0x01, 0x00}), "CA not DER");
  ClientConfig mismatch = trusting(server_ca().cert.der());
  with_identity(mismatch, client_leaf());
  mismatch.client_private_key_pem = foreign_client_leaf().key.to_pem();
  expect_invalid(std::move(mismatch), "key of another certificate");
  ClientConfig key_only = trusting(server_ca().cert.der());
  key_only.client_private_key_pem = client_leaf().key.to_pem();
  expect_invalid(std::move(key_only), "key without certificate");
  ClientConfig bad_connect = trusting(server_ca().cert.der());
  bad_connect.connect_to = "127.0.0.1";
  expect_invalid(std::move(bad_connect), "connect_to without port");
}

}  // namespace
}  // namespace smdp::http
